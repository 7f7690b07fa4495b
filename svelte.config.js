import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A static SPA: every route is rendered in the browser, nothing runs on a server.
		adapter: adapter({ fallback: 'index.html' }),
		alias: { $cli: 'cli' }
	}
};

export default config;
