// The one door to the spreadsheet library (SheetJS, published on npm as @e965/xlsx; docs/formats.md says why).
// Loaded with a dynamic import so the library is its own chunk: pages that never read or write a workbook never
// download it. The same call works in the browser bundle and in Node (the CLI, the tests).
export type Xlsx = typeof import('@e965/xlsx');

let loading: Promise<Xlsx> | null = null;

export function loadXlsx(): Promise<Xlsx> {
	loading ??= import('@e965/xlsx');
	return loading;
}
