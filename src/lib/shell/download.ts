// Saves what the app generated (CSV lists, preset JSON, .xlsx workbooks) as a file download. Browser only; no network.

function downloadBlob(fileName: string, blob: Blob): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(fileName: string, text: string, mime: string): void {
	// A BOM lets Excel open UTF-8 CSV with Chinese text correctly.
	const body = mime.startsWith('text/csv') ? '\uFEFF' + text : text;
	downloadBlob(fileName, new Blob([body], { type: mime }));
}

/** Bytes as they are (an .xlsx workbook, a Parquet file, text that already carries its BOM). */
export function downloadBytes(fileName: string, bytes: Uint8Array, mime: string): void {
	downloadBlob(fileName, new Blob([bytes.slice().buffer as ArrayBuffer], { type: mime }));
}
