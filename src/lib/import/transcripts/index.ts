// Public surface of the transcript importers (WebVTT, SRT, STM/RTTM, Amazon Transcribe, Contact Lens,
// generic JSON turns): what the import pipeline and the CLI call. CSV/TSV transcripts are in ../tabular.
export type { ParsedSegment, ParsedTranscript, ParsedCall } from './types';
export { sniffTranscript, describeJson, describeJsonIssue, parseTranscript } from './sniff';
export { mapSpeakers, roleFromLabel, type SpeakerRule, type SpeakerMapping } from './speakers';
export { importTranscript } from './import-transcript';
