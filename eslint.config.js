// ESLint: the recommended rules of ESLint, typescript-eslint and eslint-plugin-svelte, plus the import-direction
// rule of docs/architecture.md. Formatting is Prettier's job (npm run format), not ESLint's.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		// build-bench/ and .svelte-kit-bench/ are the dashboard benchmark's build (CALLQA_BENCH=1, svelte.config.js).
		ignores: [
			'build/',
			'.svelte-kit/',
			'build-bench/',
			'.svelte-kit-bench/',
			'node_modules/',
			'coverage/',
			'sample-data/out/',
			'eval/',
			'test-results/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		// No TypeScript project service: none of these rules needs type information, and building it for every
		// .svelte file took 23 of ESLint's 39 s here (the findings are the same without it).
		languageOptions: { parserOptions: { extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{
		rules: {
			// The app is served from the root of its origin (adapter-static, no paths.base): plain hrefs are right.
			'svelte/no-navigation-without-resolve': 'off',
			// svelte-check --fail-on-warnings is the judge of compiler warnings (its a11y warnings included).
			'svelte/no-unused-svelte-ignore': 'off',
			// Maps and Sets built and read inside one function or $derived are not state; state lives in $state.
			'svelte/prefer-svelte-reactivity': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }]
		}
	}
);
