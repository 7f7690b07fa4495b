// Tells an Excel workbook from its first bytes, without the spreadsheet library: .xlsx is a ZIP (PK\3\4), .xls a
// Compound File (D0 CF 11 E0), which is also what a password-protected .xlsx is. Plain TypeScript.

export type WorkbookFormat = 'xlsx' | 'xls';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** The workbook format of a file, or null when it is not one (a ZIP counts only with an Excel name). */
export function workbookFormat(name: string, bytes: Uint8Array): WorkbookFormat | null {
	const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
	if (startsWith(bytes, CFB)) return ext === 'xlsx' || ext === 'xlsm' ? 'xlsx' : 'xls';
	if (startsWith(bytes, ZIP) && (ext === 'xlsx' || ext === 'xlsm')) return 'xlsx';
	if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx'; // not a ZIP: the reader rejects it with its reason
	// Many call-centre systems save an HTML table as ".xls" (the library reads those); a text file named .xls is
	// left to the CSV/TSV importer, which knows its encodings.
	if (ext === 'xls') return /^\s*</.test(new TextDecoder().decode(bytes.subarray(0, 64))) ? 'xls' : null;
	return null;
}
