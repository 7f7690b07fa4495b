// Static SPA: no server rendering, no prerendered data; DuckDB only exists in the browser.
export const ssr = false;
export const prerender = false;
