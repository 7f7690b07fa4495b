// Every reason an import or an edit is refused reads in both interface languages, with its numbers filled in.
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { zh } from '../i18n/zh';
import type { MessageKey, MessageParams } from '../i18n/i18n.svelte';
import { CoachingError } from './coaching-sql';
import { describeCoachingError } from './describe-error';
import { parseSessionFile, SESSION_FILE_PROBLEMS, SessionFileError } from './session-file';

const translator = (cat: Record<string, string>) => (key: MessageKey, params?: MessageParams) =>
	(cat[key] ?? key).replace(/\{(\w+)\}/g, (m, k: string) => (params && k in params ? String(params[k]) : m));

describe('coaching error messages', () => {
	it('has a zh and an en message for every session-file problem and refused change', () => {
		const keys = [
			...SESSION_FILE_PROBLEMS.map((c) => `coach.fileError.${c}`),
			...['title_required', 'bad_label', 'bad_span', 'no_session'].map((c) => `coach.error.${c}`)
		];
		for (const k of keys) {
			expect(zh, k).toHaveProperty([k]);
			expect(en, k).toHaveProperty([k]);
		}
	});

	it('names the clip and the value that is wrong', () => {
		let err: unknown;
		try {
			parseSessionFile(
				'x.callqa-session',
				JSON.stringify({ format: 'callqa-session', version: 1, session: { title: 't' }, clips: [{ label: 'good' }, { label: 'great' }] })
			);
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(SessionFileError);
		expect(describeCoachingError(err, translator(zh))).toBe('第 2 个片段的类型“great”既不是好例子（good）也不是待改进（improve）');
		expect(describeCoachingError(err, translator(en))).toBe('clip 2: type “great” is neither good nor improve');
		expect(describeCoachingError(new CoachingError('title_required', 'x'), translator(zh))).toBe('课程需要一个名称');
		expect(describeCoachingError(new Error('disk full'), translator(zh))).toBe('disk full');
	});
});
