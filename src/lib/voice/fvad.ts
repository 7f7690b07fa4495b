// The WebRTC voice activity detector (libfvad, BSD) compiled to WebAssembly by the Echogarden project
// (@echogarden/fvad-wasm, 20 kB). One wasm instance per worker/process, one detector state per channel.
// In the browser the worker passes the bundled .wasm URL (Vite `?url`); in Node the module finds its own file.
import createFvadModule, { type FvadModule } from '@echogarden/fvad-wasm';
import { VAD_RATE, type SpeechClassifier } from './vad';

/** libfvad's aggressiveness 0..3; 3 = least likely to call noise speech (telephone lines are noisy). */
export const FVAD_MODE = 3;

let module: Promise<FvadModule> | null = null;

function load(wasmUrl?: string): Promise<FvadModule> {
	module ??= createFvadModule(wasmUrl ? { locateFile: () => wasmUrl } : {});
	module.catch(() => (module = null));
	return module;
}

export interface Fvad extends SpeechClassifier {
	free(): void;
}

/** A detector for one channel of 8 kHz audio in 10 ms frames. */
export async function createFvad(wasmUrl?: string, mode = FVAD_MODE): Promise<Fvad> {
	const m = await load(wasmUrl);
	const handle = m._fvad_new();
	if (!handle) throw new Error('fvad: out of memory');
	if (m._fvad_set_sample_rate(handle, VAD_RATE) !== 0 || m._fvad_set_mode(handle, mode) !== 0) throw new Error('fvad: bad settings');
	const frame = VAD_RATE / 100;
	const ptr = m._malloc(frame * 2);
	let isFreed = false;
	return {
		classify(pcm: Int16Array): number {
			m.HEAP16.set(pcm, ptr >> 1);
			return m._fvad_process(handle, ptr, frame) === 1 ? 1 : 0;
		},
		free() {
			if (isFreed) return;
			isFreed = true;
			m._free(ptr);
			m._fvad_free(handle);
		}
	};
}
