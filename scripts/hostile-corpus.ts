// Writes the generated bad-input corpus (cli/hostile-corpus.ts) into a folder, for `npm run corpus -- <dir>`.
// Run: npx tsx scripts/hostile-corpus.ts <dir>
import { writeHostileCorpus } from '../cli/hostile-corpus';

const dir = process.argv[2];
if (!dir) {
	process.stderr.write('usage: npx tsx scripts/hostile-corpus.ts <dir>\n');
	process.exit(2);
}
const written = await writeHostileCorpus(dir);
process.stdout.write(`wrote ${written.length} files to ${dir}\n`);
