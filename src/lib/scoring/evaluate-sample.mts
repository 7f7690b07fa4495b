// Prints the default Chinese rubric's precision/recall per item on the sample centre, with timings.
// Run: npx tsx src/lib/scoring/evaluate-sample.mts
import { evaluateSample, formatReport } from './sample-eval';

console.log(formatReport(await evaluateSample()));
