// Saves text the app generated (CSV lists, preset JSON) as a file download. Browser only; no network.

export function downloadText(fileName: string, text: string, mime: string): void {
	// A BOM lets Excel open UTF-8 CSV with Chinese text correctly.
	const body = mime.startsWith('text/csv') ? '\uFEFF' + text : text;
	const url = URL.createObjectURL(new Blob([body], { type: mime }));
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
