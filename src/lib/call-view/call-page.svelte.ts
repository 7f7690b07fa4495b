// The state of one call page (CallView.svelte): the call's facts, transcript and recording, the findings and score
// of the version shown, the call's reviews, voice activity, the review being edited, the queue it was opened from
// and the range marked for a coaching clip, each re-read when what it depends on changes. Construct it while the
// view initialises (it owns $effects); the route keys the view by call id, so one instance serves one call.
// Scrolling and focus (DOM) stay in the view.
import { goto } from '$app/navigation';
import { page } from '$app/state';
import { workspace } from '../db/workspace.svelte';
import type { CallFacts, Segment } from '../db/call-types';
import { locale, t } from '../i18n/i18n.svelte';
import { describeEvidence } from '../i18n/describe-evidence';
import { errorMessage } from '../i18n/error-message';
import { getPlayback, type Playback } from '../player/player-sql';
import { PlayerState } from '../player/player-state.svelte';
import type { WaveRegion } from '../player/Waveform.svelte';
import { QueueNav } from '../review/queue-nav.svelte';
import { listCallReviews, type VersionReview } from '../review/review-sql';
import { ReviewState } from '../review/review-state.svelte';
import type { Rubric } from '../scoring/rubric';
import { loadRubric } from '../scoring-ui/active-rubric';
import { scoringState } from '../scoring-ui/scoring-state.svelte';
import { getActivity, getCallAudio, type CallAudio, type Overlap, type VoiceSpan } from '../voice/activity-sql';
import { voiceBatch } from '../voice-ui/voice-batch.svelte';
import {
	callVersions,
	getCall,
	getFindings,
	getScore,
	getSegments,
	type CallScore,
	type CallVersion,
	type Finding,
	type SegmentMark
} from './call-sql';

/** The active version, unless only another version (with findings for this call) has a review of it: that one. */
function shownByDefault(active: number, scored: CallVersion[], reviews: VersionReview[]): number {
	if (reviews.length === 0 || reviews.some((r) => r.rubric_version === active)) return active;
	return reviews.find((r) => scored.some((s) => s.version === r.rubric_version))?.rubric_version ?? active;
}

export class CallPage {
	readonly callId: string;

	readonly wantedVersion = $derived(Number(page.url.searchParams.get('v')) || null);
	// Opened from the review queue (?queue=<plan>): its strip, and "next call" after submitting.
	readonly queuePlan = $derived(page.url.searchParams.get('queue') || null);
	readonly queueNav = $derived(this.queuePlan ? new QueueNav(this.queuePlan) : null);

	facts = $state.raw<CallFacts | null>(null);
	segments = $state.raw<Segment[]>([]);
	hasMore = $state(false);
	isLoaded = $state(false);
	/** the call the transcript / the checklist on screen belong to (data-call on their panels, checked by the e2e spec) */
	segmentsFor = $state<string | null>(null);
	findingsFor = $state<string | null>(null);
	error = $state<string | null>(null);

	rubric = $state.raw<Rubric | null>(null);
	findings = $state.raw<Finding[]>([]);
	score = $state.raw<CallScore | null>(null);
	versions = $state.raw<CallVersion[]>([]);
	/** the call's reviews under every version of the active rubric, newest first */
	callReviews = $state.raw<VersionReview[]>([]);
	isScoreLoaded = $state(false);
	/** bumped after a re-review started, so the versions and reviews re-read */
	reviewsRevision = $state(0);

	recording = $state.raw<Playback | null>(null);
	audio = $state.raw<CallAudio | null>(null);
	activity = $state.raw<{ spans: VoiceSpan[]; overlaps: Overlap[] } | null>(null);
	/** bumped when the recordings of this call changed (sides swapped or paired) */
	recordingRevision = $state(0);
	readonly player = new PlayerState();
	/** the range marked for a coaching clip (dragged on the waveform or from transcript lines) */
	clipRange = $state.raw<{ start: number; end: number } | null>(null);
	readonly review = new ReviewState();

	#audioOf: string | null = null;

	constructor(callId: string) {
		this.callId = callId;

		$effect(() => {
			const id = this.callId;
			void workspace.counts;
			void this.recordingRevision;
			let cancelled = false;
			(async () => {
				try {
					const db = await workspace.db();
					const [f, s, r] = await Promise.all([getCall(db, id), getSegments(db, id), getPlayback(db, id)]);
					if (cancelled) return;
					this.facts = f;
					this.recording = r;
					this.segments = s.segments;
					this.hasMore = s.more;
					this.segmentsFor = id;
					this.error = null;
				} catch (e) {
					if (!cancelled) this.error = errorMessage(e);
				} finally {
					if (!cancelled) this.isLoaded = true;
				}
			})();
			return () => {
				cancelled = true;
			};
		});

		$effect(() => {
			const id = this.callId;
			const active = scoringState.active;
			const v = this.wantedVersion;
			void scoringState.revision;
			void this.reviewsRevision;
			if (!active) return;
			let cancelled = false;
			(async () => {
				try {
					const db = await workspace.db();
					// The findings of the version most likely shown (the one asked for, else the active one) are read with
					// the versions and reviews, not queued behind every other read the page starts.
					const guess = { id: active.id, version: v ?? active.version };
					const [vs, rs, f0, s0] = await Promise.all([
						callVersions(db, id, active.id),
						listCallReviews(db, id, active.id),
						getFindings(db, id, guess),
						getScore(db, id, guess)
					]);
					const ref = { id: active.id, version: v ?? shownByDefault(active.version, vs, rs) };
					const r = ref.version === active.version ? active : await loadRubric(db, ref);
					const [f, s] = ref.version === guess.version ? [f0, s0] : await Promise.all([getFindings(db, id, ref), getScore(db, id, ref)]);
					if (cancelled) return;
					this.rubric = r;
					this.findings = f;
					this.score = s;
					this.versions = vs;
					this.callReviews = rs;
					this.findingsFor = id;
					this.isScoreLoaded = true;
				} catch (e) {
					if (!cancelled) this.error = errorMessage(e);
				}
			})();
			return () => {
				cancelled = true;
			};
		});

		// Re-read with every (re)load of the findings: a scoring run that ends while the page is open can change the
		// reviewed score too (it is computed from the automatic results).
		$effect(() => {
			void this.findings;
			const rubric = this.rubric;
			if (rubric) this.review.load({ call_id: this.callId, rubric_id: rubric.id, rubric_version: rubric.version });
		});

		// The version notice follows the review: a draft made or a review submitted under this version changes it.
		$effect(() => {
			const active = scoringState.active;
			const id = this.callId;
			void this.review.review?.status;
			void this.review.overrides;
			if (!active) return;
			let cancelled = false;
			workspace
				.db()
				.then((db) => listCallReviews(db, id, active.id))
				.then(
					(rs) => {
						if (!cancelled) this.callReviews = rs;
					},
					() => undefined
				);
			return () => {
				cancelled = true;
			};
		});

		// Voice activity and the audio figures: re-read when an analysis of any call was saved or the sides changed;
		// another call's are cleared at once (never shown under this call's header).
		$effect(() => {
			const id = this.callId;
			void voiceBatch.revision;
			void this.recordingRevision;
			if (this.#audioOf !== id) {
				this.#audioOf = id;
				this.audio = null;
				this.activity = null;
			}
			let cancelled = false;
			(async () => {
				const db = await workspace.db();
				const [a, act] = await Promise.all([getCallAudio(db, id), getActivity(db, id)]);
				if (cancelled) return;
				this.audio = a;
				this.activity = act.spans.length > 0 ? act : null;
			})().catch((e) => {
				if (!cancelled) this.error = errorMessage(e);
			});
			return () => {
				cancelled = true;
			};
		});

		// Place and progress re-read when the call changes and when its review is submitted or reopened.
		$effect(() => {
			void this.review.review?.status;
			this.queueNav?.refresh(this.callId, scoringState.active);
		});
	}

	/** Starts the active version's review from the one under `fromVersion`, then shows the active version. */
	async rereview(fromVersion: number) {
		const active = scoringState.active;
		if (!active) return;
		const ok = await this.review.startFrom(
			{ call_id: this.callId, rubric_id: active.id, rubric_version: fromVersion },
			{ call_id: this.callId, rubric_id: active.id, rubric_version: active.version }
		);
		if (!ok) return;
		this.reviewsRevision++;
		this.pickVersion(active.version);
	}

	sidesChanged(callIds: string[]) {
		this.recordingRevision++;
		void voiceBatch.run(callIds);
	}

	// Always explicit: without ?v the page may show the version the review was made under (shownByDefault).
	pickVersion(v: number) {
		const params = new URLSearchParams(page.url.searchParams);
		params.set('v', String(v));
		goto(`?${params}`, { keepFocus: true, noScroll: true, replaceState: true });
	}

	readonly versionValue = $derived(this.rubric?.version ?? scoringState.active?.version ?? 0);

	labelOf = (id: string) => this.rubric?.items.find((it) => it.id === id)?.label[locale.lang] ?? id;

	readonly regions = $derived.by(() => {
		const out: WaveRegion[] = [];
		for (const f of this.findings) {
			if (f.start_s == null || f.result === 'na') continue;
			out.push({ id: f.item_id, start: f.start_s, end: f.end_s ?? f.start_s, label: this.labelOf(f.item_id), result: f.result });
		}
		return out;
	});

	/** The timed segment playback is in: the last one started at or before the current time. */
	readonly current = $derived.by(() => {
		const player = this.player;
		if (!this.recording || !player.isReady || (player.currentTime === 0 && !player.isPlaying)) return null;
		const now = player.currentTime;
		let found: Segment | null = null;
		for (const s of this.segments) {
			if (s.start_s == null || s.start_s > now) continue;
			if (!found || s.start_s >= (found.start_s ?? 0)) found = s;
		}
		return found && (found.end_s == null || found.end_s + 1 >= now) ? found.seq : null;
	});

	readonly marks = $derived.by(() => {
		const m = new Map<number, SegmentMark[]>();
		for (const f of this.findings) {
			const seq = this.segmentOf(f);
			if (seq == null || f.result === 'na') continue;
			m.set(seq, [...(m.get(seq) ?? []), { label: this.labelOf(f.item_id), result: f.result, evidence: describeEvidence(f, t) }]);
		}
		return m;
	});

	/** The segment a finding points at: its seq, else the turn its start time falls in (or the nearest one). */
	segmentOf(f: Finding): number | null {
		if (f.seq != null) return f.seq;
		if (f.start_s == null) return null;
		let best: Segment | null = null;
		for (const s of this.segments) {
			if (s.start_s == null) continue;
			if (s.start_s <= f.start_s && (s.end_s ?? s.start_s) >= f.start_s) return s.seq;
			if (!best || Math.abs(s.start_s - f.start_s) < Math.abs((best.start_s ?? 0) - f.start_s)) best = s;
		}
		return best?.seq ?? null;
	}
}
