// The trainer's coaching sessions as the pages see them: the list (for the sessions page and the "add to session"
// pickers), the session new clips go to, making a clip from a call (audio cut and stored before the row is
// written), and one open session with its ordered clips. Writes go through coaching-sql.ts (which checkpoints);
// "saved" is said only after they resolve. Browser only.
import { workspace } from '../db/workspace.svelte';
import { t } from '../i18n/i18n.svelte';
import { describeCoachingError } from './describe-error';
import { recordingsState } from '../recordings/recordings-state.svelte';
import { cutRecording, putClipAudio, readClipAudio, removeClipAudio } from './clip-audio';
import {
	addClip,
	clipAudioPath,
	createSession,
	deleteSession,
	getSession,
	listClips,
	listSessions,
	moved,
	newId,
	removeClip,
	reorderClips,
	updateClip,
	updateSession,
	type Clip,
	type ClipLabel,
	type ItemLabel,
	type SessionSummary
} from './coaching-sql';
import type { Line } from './clip-span';
import { exportSession, importSession, parseSessionFile } from './session-file';
import type { ExportPrivacy } from '../privacy/export-privacy';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

/** A moment of a call to keep as a clip. */
export interface ClipSource {
	call_id: string;
	agent: string | null;
	team: string | null;
	/** the call's recording file (recordings.file); null for chat/e-mail */
	recording: string | null;
	start_s: number | null;
	end_s: number | null;
	label: ClipLabel;
	item_id: string | null;
	item_label: ItemLabel | null;
	note: string | null;
	excerpt: Line[];
}

const TARGET_KEY = 'callqa.coaching.target';

const message = (e: unknown) => describeCoachingError(e, t);

export class CoachingStore {
	sessions = $state.raw<SessionSummary[]>([]);
	isLoaded = $state(false);
	error = $state<string | null>(null);
	/** The session "add" buttons put clips into (remembered across pages). */
	target = $state<string | null>(null);

	constructor() {
		try {
			this.target = globalThis.localStorage?.getItem(TARGET_KEY) ?? null;
		} catch {
			this.target = null;
		}
	}

	setTarget(id: string | null): void {
		this.target = id;
		try {
			if (id) localStorage.setItem(TARGET_KEY, id);
			else localStorage.removeItem(TARGET_KEY);
		} catch {
			// private windows: remembered for this page only
		}
	}

	async refresh(): Promise<void> {
		try {
			const db = await workspace.db();
			this.sessions = await listSessions(db);
			if (this.target && !this.sessions.some((s) => s.session_id === this.target)) this.setTarget(this.sessions[0]?.session_id ?? null);
			if (!this.target && this.sessions[0]) this.setTarget(this.sessions[0].session_id);
			this.error = null;
		} catch (e) {
			this.error = message(e);
		} finally {
			this.isLoaded = true;
		}
	}

	async create(title: string, audience: string | null = null): Promise<string> {
		const db = await workspace.db();
		const id = await createSession(db, { title, audience });
		this.setTarget(id);
		await this.refresh();
		return id;
	}

	/** Cut the clip's audio from the call's recording into OPFS, then append the clip to the session. */
	async addClip(sessionId: string, src: ClipSource): Promise<string> {
		const db = await workspace.db();
		const clipId = newId();
		let audioPath: string | null = null;
		if (src.recording && src.start_s != null && src.end_s != null) {
			const file = await recordingsState.store.get(src.recording);
			if (!file) throw new Error(`the recording ${src.recording} is not in browser storage or a remembered folder`);
			audioPath = clipAudioPath(clipId);
			await putClipAudio(audioPath, await cutRecording(file, src.start_s, src.end_s));
		}
		try {
			const { recording, ...rest } = src;
			void recording;
			await addClip(db, sessionId, { ...rest, clip_id: clipId, audio_path: audioPath });
		} catch (e) {
			if (audioPath) await removeClipAudio(audioPath);
			throw e;
		}
		await this.refresh();
		return clipId;
	}

	/** Read a `.callqa-session` file and create its session; errors name the file and the reason. */
	async importFile(file: File): Promise<string> {
		const doc = parseSessionFile(file.name, await file.text());
		const db = await workspace.db();
		const id = await importSession(db, file.name, doc, putClipAudio);
		await this.refresh();
		return id;
	}

	async remove(sessionId: string): Promise<void> {
		const db = await workspace.db();
		for (const path of await deleteSession(db, sessionId)) await removeClipAudio(path);
		await this.refresh();
	}
}

export const coaching = new CoachingStore();

/** One open session page: its fields and ordered clips, every change saved then re-read. */
export class OpenSession {
	session = $state.raw<SessionSummary | null>(null);
	clips = $state.raw<Clip[]>([]);
	isLoaded = $state(false);
	error = $state<string | null>(null);
	save = $state<SaveStatus>('idle');
	#id: string | null = null;

	async load(sessionId: string): Promise<void> {
		this.#id = sessionId;
		this.isLoaded = false;
		try {
			const db = await workspace.db();
			const [s, c] = await Promise.all([getSession(db, sessionId), listClips(db, sessionId)]);
			if (this.#id !== sessionId) return;
			this.session = s;
			this.clips = c;
			this.error = null;
		} catch (e) {
			if (this.#id === sessionId) this.error = message(e);
		} finally {
			if (this.#id === sessionId) this.isLoaded = true;
		}
	}

	update(patch: { title?: string; audience?: string | null; notes?: string | null }): Promise<boolean> {
		return this.#write((db, id) => updateSession(db, id, patch));
	}

	/** Show the new order at once (drag and drop), then save it. */
	reorder(order: string[]): Promise<boolean> {
		const byId = new Map(this.clips.map((c) => [c.clip_id, c]));
		this.clips = order.map((id) => byId.get(id)).filter((c): c is Clip => !!c);
		return this.#write((db, id) => reorderClips(db, id, order));
	}

	move(clipId: string, by: number): Promise<boolean> {
		return this.reorder(
			moved(
				this.clips.map((c) => c.clip_id),
				clipId,
				by
			)
		);
	}

	updateClip(clipId: string, patch: { label?: ClipLabel; note?: string | null }): Promise<boolean> {
		return this.#write((db) => updateClip(db, clipId, patch));
	}

	removeClip(clipId: string): Promise<boolean> {
		return this.#write(async (db) => {
			const path = await removeClip(db, clipId);
			if (path) await removeClipAudio(path);
		});
	}

	async exportFile(privacy: ExportPrivacy): Promise<{ fileName: string; text: string }> {
		if (!this.#id) throw new Error('no session is open');
		return exportSession(await workspace.db(), this.#id, readClipAudio, privacy);
	}

	/** Writes in flight. Each is one transaction (coaching-sql.ts), so two quick reorders never interleave their
	 *  statements and land in the order they were made; "saved" shows only when the last one is in. */
	#pending = 0;
	/** Counts writes started: a re-read applies only when no write started after the one it follows. */
	#started = 0;

	async #write(work: (db: Awaited<ReturnType<typeof workspace.db>>, id: string) => Promise<void>): Promise<boolean> {
		const id = this.#id;
		if (!id) return false;
		this.#pending++;
		const mine = ++this.#started;
		this.save = 'saving';
		this.error = null;
		try {
			const db = await workspace.db();
			await work(db, id);
			// A later write is in flight: its optimistic state stays on screen until it has been saved and re-read.
			if (this.#pending === 1) {
				const [s, c] = await Promise.all([getSession(db, id), listClips(db, id)]);
				// A move made while this re-read ran shows its own order; the stale read must not replace it
				// (a burst of moves then built on an order that had gone back a step).
				if (this.#started === mine) {
					if (this.#id === id) {
						this.session = s;
						this.clips = c;
					}
					this.save = 'saved';
				}
			}
			void coaching.refresh();
			return true;
		} catch (e) {
			this.save = 'error';
			this.error = message(e);
			if (this.#id === id) await this.load(id);
			return false;
		} finally {
			this.#pending--;
		}
	}
}
