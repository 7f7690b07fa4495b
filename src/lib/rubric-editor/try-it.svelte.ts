// The "try it" box's state: the pasted dialogue, its options and the latest result of scoring it against the
// rubric being edited. Scoring is scoring/score.ts's scoreText (temp tables only; real calls, findings and
// scores are never touched). Runs are debounced and one at a time; a result that is out of date is dropped.
import { workspace } from '../db/workspace.svelte';
import { parseDialogue, type DialogueTurn } from '../scoring/dialogue';
import { substitute, type Language, type Rubric } from '../scoring/rubric';
import { scoreText, type TryResult } from '../scoring/score';
import { errorMessage } from '../i18n/error-message';

/** Example dialogues in the rubric's language: a greeting, a banned phrase, a hold, a closing. */
export const EXAMPLE_DIALOGUE: Record<Language, string> = {
	zh: [
		'[00:01] 客服：您好，这里是{company}，请问有什么可以帮您？',
		'[00:06] 客户：我这个月的话费怎么多扣了三十块？',
		'[00:11] 客服：这个我也不知道，您去营业厅问吧。',
		'[00:16] 客户：你们怎么这样处理问题？',
		'[00:20] 客服：对不起，请您稍等，我帮您查一下。',
		'[00:31] 客服：已经帮您提交了退费申请。请问还有其他可以帮您的吗？',
		'[00:37] 客户：没有了。',
		'[00:39] 客服：感谢您的来电，再见！'
	].join('\n'),
	en: [
		'[00:01] Agent: Thank you for calling {company}, how can I help you?',
		'[00:05] Customer: I was charged twice on my bill this month.',
		"[00:10] Agent: Sorry, that's not my problem, you should have called the billing line.",
		"[00:16] Customer: That's not very helpful.",
		"[00:20] Agent: I'm sorry. Please hold while I check your account.",
		"[00:31] Agent: I've raised a refund for you. Is there anything else I can help you with?",
		'[00:37] Customer: No, thanks.',
		'[00:39] Agent: Thank you for calling, goodbye!'
	].join('\n')
};

/** The example for `rubric`, with its variables filled in. */
export function exampleFor(rubric: Pick<Rubric, 'language' | 'variables'>): string {
	return substitute(EXAMPLE_DIALOGUE[rubric.language], rubric.variables);
}

export type TryStatus = 'idle' | 'scoring' | 'ready' | 'error';

const DEBOUNCE_MS = 300;

export class TryIt {
	text = $state('');
	category = $state('');
	isComplaint = $state(false);
	status = $state<TryStatus>('idle');
	error = $state<string | null>(null);
	result = $state.raw<TryResult | null>(null);
	/** the turns the result was computed on (index = seq − 1) */
	turns = $state.raw<DialogueTurn[]>([]);
	#timer: ReturnType<typeof setTimeout> | null = null;
	#running: Promise<void> = Promise.resolve();
	#ticket = 0;

	/** Scores `text` with `rubric` after a pause in typing; a newer call supersedes an older one. */
	schedule(rubric: Rubric): void {
		const ticket = ++this.#ticket;
		if (this.#timer) clearTimeout(this.#timer);
		const text = this.text;
		const opts = { category: this.isComplaint ? (rubric.language === 'zh' ? '投诉' : 'complaint') : this.category || undefined };
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#running = this.#running.then(() => this.#run(ticket, rubric, text, opts));
		}, DEBOUNCE_MS);
	}

	/** Resolves when no run is in flight (scoring-ui must not run scoreCalls meanwhile: both use cqa_* tables). */
	idle(): Promise<void> {
		return this.#running;
	}

	cancel(): void {
		this.#ticket++;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	async #run(ticket: number, rubric: Rubric, text: string, opts: { category?: string }): Promise<void> {
		if (ticket !== this.#ticket) return;
		if (!text.trim()) {
			this.result = null;
			this.turns = [];
			this.status = 'idle';
			return;
		}
		this.status = 'scoring';
		try {
			const turns = parseDialogue(text).turns;
			const result = await scoreText(await workspace.db(), text, rubric, opts);
			if (ticket !== this.#ticket) return;
			this.turns = turns;
			this.result = result;
			this.error = null;
			this.status = 'ready';
		} catch (e) {
			if (ticket !== this.#ticket) return;
			this.error = errorMessage(e);
			this.status = 'error';
		}
	}
}

export const tryIt = new TryIt();
