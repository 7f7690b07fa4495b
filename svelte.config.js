import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The app's Content-Security-Policy (README, "Security"). SvelteKit adds the hash of its inline bootstrap script to
 * script-src and writes the policy into every page: a <meta> tag in the static build (browsers ignore
 * frame-ancestors there, so SvelteKit leaves it out), a header from `vite preview`, which also sends it, with
 * 'wasm-unsafe-eval', on every other response so DuckDB's worker runs under it (scripts/security-headers.js).
 * @type {import('./scripts/security-headers.js').CspDirectives}
 */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	// No inline script but SvelteKit's hashed bootstrap; no eval. The page compiles no WebAssembly: DuckDB does, in its worker.
	'script-src': ['self'],
	'worker-src': ['self', 'blob:'],
	// Nothing but the app's own origin, ever (DESIGN §8).
	'connect-src': ['self'],
	// data: for ECharts' PNG export, blob: for audio and downloads made in the page.
	'img-src': ['self', 'data:', 'blob:'],
	'media-src': ['self', 'blob:'],
	// 'unsafe-inline' is unavoidable: wavesurfer.js puts a <style> element in its shadow root (blocked, the lanes fall
	// apart), SvelteKit's route announcer has a style attribute, ECharts' own tooltip markup carries them; a static
	// build has no per-response nonce. Styles run no script, and with every load limited to 'self' send nothing out.
	'style-src': ['self', 'unsafe-inline'],
	'font-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self'],
	'frame-ancestors': ['none']
};

// `CALLQA_BENCH=1 vite build` makes the benchmark build (bench/browser-dashboard.js): the dashboard's ?bench=1
// hook is compiled in, and it goes to its own folders so the app's build/ never carries it.
const BENCH = process.env.CALLQA_BENCH === '1';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A static SPA: every route is rendered in the browser, nothing runs on a server.
		adapter: adapter({ fallback: 'index.html', pages: BENCH ? 'build-bench' : 'build', assets: BENCH ? 'build-bench' : 'build' }),
		outDir: BENCH ? '.svelte-kit-bench' : '.svelte-kit',
		alias: { $cli: 'cli' },
		csp: { mode: 'hash', directives: CSP_DIRECTIVES }
	}
};

export default config;
