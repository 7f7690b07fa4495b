// JSON reader for transcript files: remembers the source line where every object and array starts (so a
// rejected turn can name its line), reports syntax errors as line:column in every browser, and tolerates
// the two defects vendors publish. It does not know any transcript format.
//
// Tolerated, with a warning, because the result is unambiguous:
//  - `//` and `/* */` comments outside strings (JSONC; the AWS Contact Lens redacted example has one);
//  - closing brackets after the complete top-level value (the AWS Contact Lens call example ends in `}}`
//    with one brace too many). Only closers are skipped: any other trailing text is an error, because then
//    we cannot tell which part the author meant.
// Everything else (`...` elisions, trailing commas, single quotes, NaN) is an error with its position.
import { issue, type ReasonCode, type ReasonParams } from '../reasons';
import type { ImportIssue } from '../types';

export interface JsonSource {
	value: unknown;
	/** 1-based line where each object/array value starts. */
	lines: WeakMap<object, number>;
	/** What was tolerated (comments, surplus closing brackets), with the line. */
	tolerated: ImportIssue[];
}

export class JsonSyntaxError extends Error {
	readonly params: ReasonParams;
	constructor(
		readonly line: number,
		readonly column: number,
		what: string,
		readonly code: ReasonCode,
		found?: string
	) {
		super(`invalid JSON at line ${line}:${column}: ${what}`);
		this.params = found === undefined ? { line, column } : { line, column, found };
	}
}

export function readJson(text: string): JsonSource {
	return new Reader(text).read();
}

/** True when the text parses (with the tolerances above). */
export function tryReadJson(text: string): JsonSource | null {
	try {
		return readJson(text);
	} catch {
		return null;
	}
}

class Reader {
	#s: string;
	#i = 0;
	#line = 1;
	#lineStart = 0;
	#lines = new WeakMap<object, number>();
	#tolerated: ImportIssue[] = [];

	constructor(text: string) {
		this.#s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	}

	read(): JsonSource {
		this.#ws();
		if (this.#i >= this.#s.length) this.#fail('the file is empty', 'json_file_empty');
		const value = this.#value();
		this.#ws();
		let surplus = 0;
		const surplusLine = this.#line;
		while (this.#i < this.#s.length && (this.#s[this.#i] === '}' || this.#s[this.#i] === ']')) {
			surplus++;
			this.#i++;
			this.#ws();
		}
		if (this.#i < this.#s.length) this.#fail(`unexpected ${this.#show()} after the end of the document`, 'json_trailing_text', true);
		if (surplus > 0)
			this.#tolerated.push(
				issue(
					surplusLine,
					'json_surplus_brackets',
					`ignored ${surplus} surplus closing bracket${surplus > 1 ? 's' : ''} after the end of the JSON document`,
					{ n: surplus }
				)
			);
		return { value, lines: this.#lines, tolerated: this.#tolerated };
	}

	/** `withFound`: the message ends in what was found, which is a param (or, at the end, its own code). */
	#fail(what: string, code: ReasonCode, withFound = false): never {
		const atEnd = this.#i >= this.#s.length;
		const column = this.#i - this.#lineStart + 1;
		throw new JsonSyntaxError(
			this.#line,
			column,
			what,
			withFound && atEnd ? 'json_unexpected_eof' : code,
			withFound && !atEnd ? this.#show() : undefined
		);
	}

	#show(): string {
		if (this.#i >= this.#s.length) return 'end of file';
		return JSON.stringify(this.#s.slice(this.#i, this.#i + 12).split(/\r?\n/)[0]);
	}

	#ws(): void {
		const s = this.#s;
		for (;;) {
			const c = s.charCodeAt(this.#i);
			if (c === 10) {
				this.#i++;
				this.#line++;
				this.#lineStart = this.#i;
			} else if (c === 32 || c === 9 || c === 13) this.#i++;
			else if (c === 47 && s.charCodeAt(this.#i + 1) === 47) {
				this.#tolerated.push(issue(this.#line, 'json_line_comment', 'ignored a // comment (not allowed in JSON)'));
				while (this.#i < s.length && s.charCodeAt(this.#i) !== 10) this.#i++;
			} else if (c === 47 && s.charCodeAt(this.#i + 1) === 42) {
				this.#tolerated.push(issue(this.#line, 'json_block_comment', 'ignored a /* */ comment (not allowed in JSON)'));
				const end = s.indexOf('*/', this.#i + 2);
				if (end < 0) this.#fail('unterminated /* comment', 'json_unterminated_comment');
				for (; this.#i < end + 2; this.#i++)
					if (s.charCodeAt(this.#i) === 10) {
						this.#line++;
						this.#lineStart = this.#i + 1;
					}
			} else return;
		}
	}

	#value(): unknown {
		const c = this.#s[this.#i];
		if (c === '{') return this.#object();
		if (c === '[') return this.#array();
		if (c === '"') return this.#string();
		if (c === '-' || (c >= '0' && c <= '9')) return this.#number();
		for (const [word, v] of [
			['true', true],
			['false', false],
			['null', null]
		] as const)
			if (this.#s.startsWith(word, this.#i)) {
				this.#i += word.length;
				return v;
			}
		this.#fail(`unexpected ${this.#show()}`, 'json_unexpected', true);
	}

	#object(): Record<string, unknown> {
		const obj: Record<string, unknown> = {};
		this.#lines.set(obj, this.#line);
		this.#i++;
		this.#ws();
		if (this.#s[this.#i] === '}') {
			this.#i++;
			return obj;
		}
		for (;;) {
			if (this.#s[this.#i] !== '"') this.#fail(`expected a "key" but found ${this.#show()}`, 'json_expected_key', true);
			const key = this.#string();
			this.#ws();
			if (this.#s[this.#i] !== ':') this.#fail(`expected ':' but found ${this.#show()}`, 'json_expected_colon', true);
			this.#i++;
			this.#ws();
			obj[key] = this.#value();
			this.#ws();
			const c = this.#s[this.#i];
			this.#i++;
			if (c === '}') return obj;
			if (c !== ',') {
				this.#i--;
				this.#fail(`expected ',' or '}' but found ${this.#show()}`, 'json_expected_comma_brace', true);
			}
			this.#ws();
		}
	}

	#array(): unknown[] {
		const arr: unknown[] = [];
		this.#lines.set(arr, this.#line);
		this.#i++;
		this.#ws();
		if (this.#s[this.#i] === ']') {
			this.#i++;
			return arr;
		}
		for (;;) {
			arr.push(this.#value());
			this.#ws();
			const c = this.#s[this.#i];
			this.#i++;
			if (c === ']') return arr;
			if (c !== ',') {
				this.#i--;
				this.#fail(`expected ',' or ']' but found ${this.#show()}`, 'json_expected_comma_bracket', true);
			}
			this.#ws();
		}
	}

	#string(): string {
		const s = this.#s;
		const start = ++this.#i;
		// Fast path: no escapes.
		for (let j = start; j < s.length; j++) {
			const c = s.charCodeAt(j);
			if (c === 34) {
				this.#i = j + 1;
				return s.slice(start, j);
			}
			if (c === 92 || c < 32) break;
		}
		let out = '';
		for (;;) {
			if (this.#i >= s.length) this.#fail('unterminated string', 'json_unterminated_string');
			const c = s.charCodeAt(this.#i);
			if (c === 34) {
				this.#i++;
				return out;
			}
			if (c < 32) this.#fail('control character inside a string', 'json_control_char');
			if (c !== 92) {
				out += s[this.#i++];
				continue;
			}
			const e = s[this.#i + 1];
			const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
			if (e in simple) {
				out += simple[e];
				this.#i += 2;
			} else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(this.#i + 2, this.#i + 6))) {
				out += String.fromCharCode(parseInt(s.slice(this.#i + 2, this.#i + 6), 16));
				this.#i += 6;
			} else this.#fail('invalid escape in string', 'json_bad_escape');
		}
	}

	#number(): number {
		const m = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
		m.lastIndex = this.#i;
		const r = m.exec(this.#s);
		if (!r || r[0] === '-') this.#fail(`invalid number ${this.#show()}`, 'json_bad_number', true);
		this.#i += r[0].length;
		return Number(r[0]);
	}
}
