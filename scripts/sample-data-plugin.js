// Serves sample-data/out at /sample-data/ in dev and copies it into the client build, so the start
// screen can load the sample contact centre from the app's own origin (nothing comes from elsewhere).
import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';

const SOURCE = path.resolve('sample-data/out');
const URL_PREFIX = '/sample-data/';
/** @type {Record<string, string>} */
const TYPES = { '.json': 'application/json', '.csv': 'text/csv', '.wav': 'audio/wav' };

/** @returns {import('vite').Plugin} */
export function sampleData() {
	return {
		name: 'callqa-sample-data',
		configureServer(server) {
			server.middlewares.use((req, res, next) => serve(req.url, res, next));
		},
		configurePreviewServer(server) {
			server.middlewares.use((req, res, next) => serve(req.url, res, next));
		},
		writeBundle(options) {
			// SvelteKit builds the client into .svelte-kit/output/client; adapter-static copies it to build/.
			if (!options.dir || !options.dir.replaceAll('\\', '/').endsWith('output/client')) return;
			cpSync(SOURCE, path.join(options.dir, 'sample-data'), { recursive: true });
		}
	};
}

/**
 * @param {string | undefined} url
 * @param {import('node:http').ServerResponse} res
 * @param {() => void} next
 */
function serve(url, res, next) {
	if (!url?.startsWith(URL_PREFIX)) return next();
	const rel = decodeURIComponent(url.slice(URL_PREFIX.length).split('?')[0]);
	const file = path.resolve(SOURCE, rel);
	if (!file.startsWith(SOURCE + path.sep) || !existsSync(file) || !statSync(file).isFile()) return next();
	res.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
	res.setHeader('Content-Length', String(statSync(file).size));
	createReadStream(file).pipe(res);
}
