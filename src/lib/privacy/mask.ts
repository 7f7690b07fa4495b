// Customer numbers in text a person reads (DESIGN §8: phone, ID-card and bank-card numbers are shown masked
// unless the user asks to reveal them). A run of 11 or more digits, optionally grouped by spaces or hyphens and
// an ID card's final X, keeps its first 3 and last 4 digits; every other digit becomes *. Landlines written with
// an area code (010-12345678) keep the area code and the last 2 digits. The length of the text never changes,
// so offsets computed on the original (highlights, matches) still point at the same characters.

const LONG_RUN = /(?<![\dA-Za-z])\d(?:[ -]?\d){9,22}(?:[ -]?[Xx])?(?![\dA-Za-z])/g;
const LANDLINE = /(?<!\d)(0\d{2,3})-(\d{7,8})(?!\d)/g;

function maskDigits(run: string, keepHead: number, keepTail: number): string {
	const digits = run.replace(/[^0-9Xx]/g, '').length;
	let seen = 0;
	return run.replace(/[0-9Xx]/g, (d) => {
		seen++;
		return seen <= keepHead || seen > digits - keepTail ? d : '*';
	});
}

/** The text with customer numbers masked; the same length as the input. */
export function maskNumbers(text: string): string {
	return text
		.replace(LANDLINE, (_all, area: string, local: string) => `${area}-${maskDigits(local, 0, 2)}`)
		.replace(LONG_RUN, (run) => (run.replace(/[^0-9Xx]/g, '').length >= 11 ? maskDigits(run, 3, 4) : run));
}

/** True when the text holds something maskNumbers would hide. */
export function hasMaskableNumber(text: string): boolean {
	return maskNumbers(text) !== text;
}
