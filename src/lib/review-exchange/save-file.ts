// Hands bytes or text the app made to the browser as a download. Browser only; nothing leaves the machine.

export function saveFile(fileName: string, body: string | Uint8Array, mime: string): void {
	const part: BlobPart = typeof body === 'string' ? body : (body.slice().buffer as ArrayBuffer);
	const url = URL.createObjectURL(new Blob([part], { type: mime }));
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
