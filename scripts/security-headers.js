// Response headers for `vite preview` (what `npm start` serves). SvelteKit sets the page's Content-Security-Policy
// itself (with its script hashes) on every HTML page it renders; every other response (scripts, DuckDB's worker and
// wasm, the sample data) gets the same policy plus 'wasm-unsafe-eval', because a worker takes its policy from its own
// response, and DuckDB compiles its wasm there. Also: no framing, no MIME sniffing, no referrer.

/** @typedef {NonNullable<NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives']>} CspDirectives */

const KEYWORDS = new Set(['self', 'none', 'unsafe-inline', 'unsafe-eval', 'wasm-unsafe-eval', 'strict-dynamic', 'report-sample']);

/**
 * @param {CspDirectives} directives
 * @returns {string}
 */
export function cspHeader(directives) {
	return Object.entries(directives)
		.map(([name, sources]) => [name, ...(Array.isArray(sources) ? sources.map((s) => (KEYWORDS.has(s) ? `'${s}'` : s)) : [])].join(' '))
		.join('; ');
}

/**
 * @param {CspDirectives} directives the page's policy (svelte.config.js)
 * @returns {Record<string, string>}
 */
export function previewHeaders(directives) {
	/** @type {CspDirectives} */
	const worker = { ...directives, 'script-src': [...(directives['script-src'] ?? ['self']), 'wasm-unsafe-eval'] };
	return {
		'Content-Security-Policy': cspHeader(worker),
		'X-Frame-Options': 'DENY',
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'no-referrer'
	};
}

/**
 * Sends previewHeaders() on every response of `vite preview` and turns its CORS off: SvelteKit's plugin configures
 * `preview.cors` (`{ preflightContinue: true }`), which answers `Access-Control-Allow-Origin: *`, and nothing but
 * the app itself needs to read these responses.
 * @param {CspDirectives} directives
 * @returns {import('vite').Plugin}
 */
export function securityHeaders(directives) {
	const headers = previewHeaders(directives);
	return {
		name: 'callqa-security-headers',
		config: { order: 'post', handler: () => ({ preview: { cors: false } }) },
		configurePreviewServer: {
			order: 'pre',
			handler(server) {
				server.middlewares.use((_req, res, next) => {
					const writeHead = res.writeHead;
					res.writeHead = /** @type {typeof res.writeHead} */ (
						/** @param {number} status @param {...any} rest */
						function (status, ...rest) {
							// A page keeps the policy SvelteKit gave it (with its script hashes). A 304 carries nothing: its
							// headers would replace the cached page's, and a policy without the hashes blanks the page.
							if (status !== 304) for (const [name, value] of Object.entries(headers)) if (!res.hasHeader(name)) res.setHeader(name, value);
							return writeHead.apply(res, /** @type {any} */ ([status, ...rest]));
						}
					);
					next();
				});
			}
		}
	};
}
