// Personal data in files the app writes (DESIGN §8): every export masks customer phone, ID-card and bank-card numbers
// with the one masking rule the screens use (mask.ts: 138****5678) unless the user ticked "include unmasked personal
// data", and says which it did in the file itself. Exports call maskForExport on every free-text cell and put
// privacyStatement (text formats) or PRIVACY_META (JSON / Parquet metadata) in the file. No DOM.
import { maskNumbers } from './mask';

export interface ExportPrivacy {
	/** The user explicitly chose to include unmasked personal data. */
	isUnmasked: boolean;
}

/** The default of every export. */
export const MASKED: ExportPrivacy = { isUnmasked: false };

/** Key of the statement in a JSON document or Parquet key-value metadata; the value is 'masked' or 'unmasked'. */
export const PRIVACY_META = 'callqa.personal_data';

/** 'masked' or 'unmasked', as written in the file. */
export function privacyValue(privacy: ExportPrivacy): 'masked' | 'unmasked' {
	return privacy.isUnmasked ? 'unmasked' : 'masked';
}

/** A text cell as the export writes it: customer numbers masked unless the user chose otherwise. */
export function maskForExport<T extends string | null | undefined>(text: T, privacy: ExportPrivacy): T {
	return (privacy.isUnmasked || text == null ? text : maskNumbers(text)) as T;
}

/** One line for the top of a text export (CSV), in both languages, naming the choice. */
export function privacyStatement(privacy: ExportPrivacy): string {
	return privacy.isUnmasked
		? `# ${PRIVACY_META}=unmasked: 含未遮蔽的客户手机号、身份证号、银行卡号（导出时用户选择） / includes unmasked customer phone, ID-card and bank-card numbers (chosen at export)`
		: `# ${PRIVACY_META}=masked: 客户手机号、身份证号、银行卡号已遮蔽（如 138****5678） / customer phone, ID-card and bank-card numbers masked (e.g. 138****5678)`;
}

/** True for a line privacyStatement wrote (readers skip it). */
export function isPrivacyStatement(line: string): boolean {
	return line.replace(/^\uFEFF/, '').startsWith(`# ${PRIVACY_META}=`);
}
