// After a recording's metadata loaded, keep its audio in the browser (OPFS) so it plays after a reload,
// and note that in recordings.stored_in. A storage failure becomes a warning on the file's report, never a
// failed import: the metadata is still useful and the file can be re-attached from a folder later.
import type { Db } from '../db/types';
import type { FileReport, InputFile } from '../import/types';
import { issue, ReasonError } from '../import/reasons';
import { setStoredIn } from './import-recording';
import { RecordingStore } from './store';
import { errorMessage } from '../i18n/error-message';

export function keepRecordings(db: Db, store: RecordingStore): (file: InputFile, report: FileReport) => Promise<void> {
	return async (file, report) => {
		if (!RecordingStore.isSupported()) return;
		try {
			await store.put(file.name, file.bytes);
			await setStoredIn(db, file.name, 'opfs');
		} catch (e) {
			const reason = `audio not kept in browser storage: ${errorMessage(e)}`;
			report.warnings.push(
				e instanceof ReasonError
					? issue(null, e.code, reason, e.params)
					: issue(null, 'audio_not_kept', reason, { detail: errorMessage(e) })
			);
		}
	};
}
