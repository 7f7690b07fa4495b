// Makes the e2e sample workspace fixture (tests/sample-profile.ts) outside vitest: scripts/test-all.js runs it in the
// background while svelte-check, ESLint and Prettier run (they keep about one core busy; the import in Chromium takes
// the other), so the e2e global setup finds it ready. Serves build/ on the e2e port while it works, then stops.
// Usage: npx tsx tests/prepare-sample-profile.ts   (after npm run build; CALLQA_E2E_PORT as for the specs)
import { E2E_PORT } from './port';
import { startPreview } from './preview';
import { sampleProfile } from './sample-profile';

const preview = await startPreview(E2E_PORT);
try {
	console.log(`sample fixture ready: ${await sampleProfile(preview.baseUrl, E2E_PORT)}`);
} finally {
	await preview.stop();
}
