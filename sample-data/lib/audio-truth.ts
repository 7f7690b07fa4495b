/**
 * What a voice activity detector should find in each recording: every turn's audio starts at its 开始 and ends at
 * its 结束 on its speaker's channel (audio.ts), so talk time per side is the union of that side's turns and an
 * overlap is where an agent turn and a customer turn intersect. `by` is who started talking over the other.
 */
import type { RecordingPlan } from './sample';

export interface AudioTruth {
	length_s: number;
	agent_talk_s: number;
	customer_talk_s: number;
	overlaps: { start_s: number; end_s: number; by: 'agent' | 'customer' }[];
}

const s = (tenths: number) => Math.round(tenths) / 10;

function union(spans: [number, number][]): number {
	const sorted = [...spans].sort((a, b) => a[0] - b[0]);
	let total = 0;
	let cur: [number, number] | null = null;
	for (const [a, b] of sorted) {
		if (cur && a <= cur[1]) cur[1] = Math.max(cur[1], b);
		else {
			if (cur) total += cur[1] - cur[0];
			cur = [a, b];
		}
	}
	return total + (cur ? cur[1] - cur[0] : 0);
}

export function audioTruth(plan: RecordingPlan): AudioTruth {
	const side = (who: 'agent' | 'customer') =>
		plan.segments.filter((x) => x.speaker === who).map((x) => [x.start!, x.end!] as [number, number]);
	const agent = side('agent');
	const customer = side('customer');
	const overlaps: AudioTruth['overlaps'] = [];
	for (const [a0, a1] of agent)
		for (const [c0, c1] of customer) {
			const start = Math.max(a0, c0);
			const end = Math.min(a1, c1);
			if (end > start) overlaps.push({ start_s: s(start), end_s: s(end), by: a0 > c0 ? 'agent' : 'customer' });
		}
	overlaps.sort((x, y) => x.start_s - y.start_s);
	return { length_s: s(plan.length), agent_talk_s: s(union(agent)), customer_talk_s: s(union(customer)), overlaps };
}
