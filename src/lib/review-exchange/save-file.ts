// Hands bytes or text the app made to the browser as a download (shell/download.ts). Browser only; nothing leaves the machine.
import { downloadBytes } from '../shell/download';

export function saveFile(fileName: string, body: string | Uint8Array, mime: string): void {
	downloadBytes(fileName, typeof body === 'string' ? new TextEncoder().encode(body) : body, mime);
}
