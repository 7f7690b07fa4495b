// Which default rubric fits a workspace: Chinese unless the transcripts are mostly written in another
// script. One rule for the browser and the CLI, read off a bounded, repeatable sample of segments.
import type { Db } from '../db/types';
import type { Language } from './rubric';

/** Transcripts whose letters are at least this share Han characters get the Chinese default rubric. */
export const ZH_HAN_SHARE = 0.3;
/** Segments read to decide; enough for a stable share, and cheap at millions of segments. */
const SAMPLE_SEGMENTS = 20_000;

export interface LanguageGuess {
	language: Language;
	han: number;
	letters: number;
}

/** Han characters vs all letters in a sample of the segments; no text at all counts as Chinese. */
export async function guessLanguage(db: Db): Promise<LanguageGuess> {
	const { rows } = await db.query<{ han: number | null; letters: number | null }>(
		`SELECT sum(length(regexp_replace(text, '[^\\p{Han}]', '', 'g'))) AS han,
			sum(length(regexp_replace(text, '[^\\p{L}]', '', 'g'))) AS letters
		FROM (SELECT text FROM segments USING SAMPLE reservoir(${SAMPLE_SEGMENTS} ROWS) REPEATABLE (7))`
	);
	const han = Number(rows[0]?.han ?? 0);
	const letters = Number(rows[0]?.letters ?? 0);
	return { language: letters === 0 || han / letters >= ZH_HAN_SHARE ? 'zh' : 'en', han, letters };
}
