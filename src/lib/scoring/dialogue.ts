// Parses the dialogue pasted into the rubric editor's "try it" box: one turn per line, prefixed by the
// speaker (客服/坐席/Agent, 客户/顾客/Customer/Caller) and optionally a [mm:ss] or [h:mm:ss(.s)] start time or a
// [mm:ss-mm:ss] start and end. Without an end, a turn is given a normal speaking time (so speech rate on such
// a dialogue says little).
// Only parsing lives here; scoring the result is SQL (score.ts → compile.ts).

export interface DialogueOptions {
	category?: string;
	direction?: 'inbound' | 'outbound';
	ring_s?: number;
}

export interface DialogueTurn {
	speaker: 'agent' | 'customer';
	start_s: number | null;
	end_s: number | null;
	text: string;
}

export interface ParsedDialogue {
	turns: DialogueTurn[];
	/** true when every turn had a time */
	timed: boolean;
}

const AGENT = /^(客服|坐席|座席|话务员|agent|rep|representative|staff|sys)$/i;
const CUSTOMER = /^(客户|顾客|用户|来电人|customer|caller|client|user)$/i;
const TIME = String.raw`\d{1,2}(?::\d{1,2}){1,2}(?:\.\d+)?`;
const STAMP = String.raw`\[(${TIME})(?:\s*[-–~]\s*(${TIME}))?\]`;
const LINE = new RegExp(String.raw`^\s*(?:${STAMP}\s*)?([^:：\s\]]{1,20})\s*[:：]\s*(?:${STAMP}\s*)?(.*)$`);

function seconds(t: string): number {
	return t.split(':').reduce((acc, p) => acc * 60 + Number(p), 0);
}

/** Throws with the line number when a non-empty line has no known speaker. */
export function parseDialogue(text: string, _opts: DialogueOptions = {}): ParsedDialogue {
	const turns: DialogueTurn[] = [];
	text.split(/\r?\n/).forEach((line, i) => {
		if (!line.trim()) return;
		const m = LINE.exec(line);
		const who = m?.[3] ?? '';
		const speaker = AGENT.test(who) ? 'agent' : CUSTOMER.test(who) ? 'customer' : null;
		if (!m || !speaker) throw new Error(`line ${i + 1}: start it with 客服: / 客户: or Agent: / Customer:`);
		const start = m[1] ?? m[4];
		const end = m[1] ? m[2] : m[5];
		turns.push({ speaker, start_s: start ? seconds(start) : null, end_s: end ? seconds(end) : null, text: m[6].trim() });
	});
	const timed = turns.length > 0 && turns.every((t) => t.start_s !== null);
	if (timed) {
		// A turn ends when the next starts, or after a normal speaking time (4 characters / 2.5 words a second).
		turns.forEach((t, i) => {
			if (t.end_s !== null && t.end_s > t.start_s!) return;
			const next = turns[i + 1]?.start_s;
			const words = t.text.split(/\s+/).filter(Boolean).length;
			const han = (t.text.match(/\p{Script=Han}/gu) ?? []).length;
			const natural = Math.max(1, han > 0 ? han / 4 : words / 2.5);
			t.end_s =
				Math.round(
					(next !== undefined && next !== null && next > t.start_s! ? Math.min(next, t.start_s! + natural) : t.start_s! + natural) * 10
				) / 10;
		});
	} else for (const t of turns) t.start_s = null;
	return { turns, timed };
}
