// First look at a tabular file for the mapping screen and the importer: encoding, delimiter, header row,
// first ~50 rows, the kind and the column mapping. papaparse reads only this preview; DuckDB reads the file.
import Papa from 'papaparse';
import type { InputFile, MappingPreset } from '../types';
import { decodeBytes, encodingLabel, type TextEncodingName } from '../encoding';
import { guessKind, guessMapping, type TabularKind } from './fields';
import { findPreset } from './presets';

export interface TabularPreview {
	encoding: string;
	delimiter: string;
	headers: string[];
	rows: string[][];
	kind: TabularKind | 'unknown';
	mapping: Record<string, string>;
	presetName: string | null;
}

const PREVIEW_ROWS = 50;
const DELIMITERS = [',', '\t', ';', '|'];
/** Enough text for the header and 50 rows of any sane export; papaparse never sees the whole file. */
const PREVIEW_CHARS = 256 * 1024;

export interface SniffResult {
	text: string;
	encoding: TextEncodingName;
	delimiter: string;
	headers: string[];
	rows: string[][];
}

/** A preset's encoding option, when it names one of ours, forces the decoding (else BOM/UTF-8/GB18030). */
function decodeAs(bytes: Uint8Array, forced?: string): { text: string; encoding: TextEncodingName } {
	const name = forced?.toLowerCase().replace(/^gbk$|^gb2312$/, 'gb18030');
	if (name === 'gb18030' || name === 'utf-16le' || name === 'utf-16be')
		return { text: new TextDecoder(name).decode(bytes), encoding: name };
	return decodeBytes(bytes);
}

/** Decodes the bytes and reads the header and first rows with papaparse (delimiter guessed unless given). */
export function sniffTabular(bytes: Uint8Array, delimiter?: string, encodingOption?: string): SniffResult {
	const { text, encoding } = decodeAs(bytes, encodingOption);
	const head = text.length > PREVIEW_CHARS ? text.slice(0, PREVIEW_CHARS) : text;
	const parsed = Papa.parse<string[]>(head, {
		preview: PREVIEW_ROWS + 1,
		delimiter: delimiter ?? '',
		delimitersToGuess: DELIMITERS,
		skipEmptyLines: true
	});
	// papaparse reports a single-column file as "could not guess"; a comma is then as good as anything.
	const delim = delimiter ?? (DELIMITERS.includes(parsed.meta.delimiter) ? parsed.meta.delimiter : ',');
	const [headerRow = [], ...rows] = parsed.data;
	const headers = headerRow.map((h) => h.replace(/^\uFEFF/, '').trim());
	return { text, encoding, delimiter: delim, headers, rows };
}

export function previewTabular(file: InputFile, presets: MappingPreset[] = []): TabularPreview {
	const sniff = sniffTabular(file.bytes);
	const preset = findPreset(sniff.headers, presets);
	const redo = preset?.options?.delimiter || preset?.options?.encoding;
	const s = redo ? sniffTabular(file.bytes, preset!.options!.delimiter, preset!.options!.encoding) : sniff;
	const kind = preset?.kind ?? guessKind(s.headers);
	const mapping = preset
		? Object.fromEntries(s.headers.map((h) => [h, preset.mapping[h] ?? '']))
		: kind === 'unknown'
			? Object.fromEntries(s.headers.map((h) => [h, '']))
			: guessMapping(s.headers, kind);
	return {
		encoding: encodingLabel(s.encoding),
		delimiter: s.delimiter,
		headers: s.headers,
		rows: s.rows,
		kind,
		mapping,
		presetName: preset?.name ?? null
	};
}

const TABULAR_EXT = /\.(csv|tsv|txt)$/i;

/** .csv/.tsv/.txt, or text whose first lines hold the same non-zero count of one delimiter. */
export function looksTabular(name: string, bytes: Uint8Array): boolean {
	if (TABULAR_EXT.test(name)) return true;
	if (/\.(json|vtt|srt|wav|mp3|ogg|opus|m4a|flac|webm)$/i.test(name)) return false;
	const sample = bytes.subarray(0, 64 * 1024);
	if (sample.includes(0)) return false; // binary (UTF-16 text files are named .csv/.txt in practice)
	const { text } = decodeBytes(sample, sample.length < bytes.length);
	const lines = text
		.split(/\r?\n/)
		.filter((l) => l.trim() !== '')
		.slice(0, 20);
	if (lines.length > 1 && sample.length === bytes.length) {
		// whole file seen: all lines count
	} else if (lines.length > 2) lines.pop(); // the last line may be cut off
	if (lines.length < 2) return false;
	return DELIMITERS.some((d) => {
		const counts = lines.map((l) => l.split(d).length - 1);
		return counts[0] > 0 && counts.every((c) => c === counts[0]);
	});
}
