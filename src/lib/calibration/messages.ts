// A calibration failure as one sentence in the interface language: a refused file names the file and why, a refused
// change says what to do. Takes t() so it stays free of Svelte.
import type { MessageKey, MessageParams } from '../i18n/i18n.svelte';
import { errorMessage } from '../i18n/error-message';
import { CalibrationError } from './calibration-sql';
import { CalibrationFileError } from './pack';

type T = (key: MessageKey, params?: MessageParams) => string;

export function calibrationMessage(e: unknown, t: T): string {
	if (e instanceof CalibrationFileError) return t(`cal.file.${e.code}` as MessageKey, { file: e.file, detail: e.detail });
	if (e instanceof CalibrationError) return t(`cal.error.${e.code}` as MessageKey, { detail: e.detail });
	return t('common.error', { message: errorMessage(e) });
}

/** A rubric item's label in the interface language. */
export const itemLabel = (it: { label: { zh: string; en: string } }, lang: 'zh' | 'en'): string =>
	lang === 'en' ? it.label.en : it.label.zh;

/** A session or inspector name made safe for a file name. */
export const safeFileName = (s: string): string => s.replace(/[\\/:*?"<>|\s]+/g, '_');
