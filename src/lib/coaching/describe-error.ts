// A coaching error in the interface language: session-file problems and refused changes carry a code (and
// params); anything else keeps its own message. Takes t() so it stays plain TS (tested without a DOM).
import type { MessageKey, MessageParams } from '../i18n/i18n.svelte';
import { CoachingError } from './coaching-sql';
import { SessionFileError } from './session-file';
import { errorMessage } from '../i18n/error-message';

type Translate = (key: MessageKey, params?: MessageParams) => string;

export function describeCoachingError(e: unknown, t: Translate): string {
	if (e instanceof SessionFileError) return t(`coach.fileError.${e.code}`, e.params);
	if (e instanceof CoachingError) return t(`coach.error.${e.code}`);
	return errorMessage(e);
}
