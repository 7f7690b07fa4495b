// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {}
	interface ImportMetaEnv {
		/** Set by `CALLQA_BENCH=1 vite build` only (vite.config.ts): the dashboard's ?bench=1 hook is compiled in. */
		readonly CALLQA_BENCH: boolean;
	}
}

export {};
