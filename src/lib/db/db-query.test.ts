// DbQuery: what a view draws while its inputs change under it. A late result of an earlier run never overwrites
// a newer one; a failure shows as an error and the next success clears it; nothing lands after the owner goes.
// (Unit tests run Svelte's server build, where $effect does not run: they start runs by hand, as the effect
// does on an input change; the e2e specs of the converted views cover the re-run on a changed URL.)
import { describe, expect, it } from 'vitest';
import { DbQuery } from './db-query.svelte';

/** A load whose runs the test settles by hand, in any order. */
function deferredLoads<I, T>() {
	const calls: { input: I; resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
	const load = (input: I) => new Promise<T>((resolve, reject) => calls.push({ input, resolve, reject }));
	return { calls, load };
}

const make = <I, T>(load: (i: I) => Promise<T>, opts = {}) => new DbQuery<I, T>(() => null, load, opts);

describe('DbQuery', () => {
	it('shows loading until the result lands', async () => {
		const { calls, load } = deferredLoads<string, number>();
		const q = make(load);
		const done = q.run('a');
		expect(q.loading).toBe(true);
		expect(calls.map((c) => c.input)).toEqual(['a']);
		calls[0].resolve(1);
		await done;
		expect([q.data, q.error, q.loading]).toEqual([1, null, false]);
	});

	it('a late result of an earlier run never overwrites the newer one', async () => {
		const { calls, load } = deferredLoads<number, string>();
		const q = make(load);
		const first = q.run(1);
		const second = q.run(2);
		calls[1].resolve('page 2');
		await second;
		calls[0].resolve('page 1');
		await first;
		expect([q.data, q.loading]).toEqual(['page 2', false]);
	});

	it('stays loading while the newer run is in flight, even when the earlier one settles first', async () => {
		const { calls, load } = deferredLoads<number, string>();
		const q = make(load);
		const first = q.run(1);
		void q.run(2);
		calls[0].resolve('page 1');
		await first;
		expect([q.data, q.loading]).toEqual([null, true]);
	});

	it('a failing run shows its message and keeps the last data; the next success clears the error', async () => {
		const { calls, load } = deferredLoads<number, string>();
		const q = make(load);
		let run = q.run(1);
		calls[0].resolve('one');
		await run;
		run = q.run(2);
		calls[1].reject(new Error('Binder Error: no column "x"'));
		await run;
		expect([q.data, q.error, q.loading]).toEqual(['one', 'Binder Error: no column "x"', false]);
		run = q.run(2);
		calls[2].resolve('two');
		await run;
		expect([q.data, q.error]).toEqual(['two', null]);
	});

	it('an error of an earlier run does not replace a newer result', async () => {
		const { calls, load } = deferredLoads<number, string>();
		const q = make(load);
		const first = q.run(1);
		const second = q.run(2);
		calls[1].resolve('two');
		await second;
		calls[0].reject('late failure');
		await first;
		expect([q.data, q.error]).toEqual(['two', null]);
	});

	it('nothing lands after cancel (the view went away)', async () => {
		const { calls, load } = deferredLoads<string, string>();
		const q = make(load);
		const run = q.run('a');
		q.cancel();
		calls[0].resolve('late');
		await run;
		expect([q.data, q.loading]).toEqual([null, false]);
	});

	it('a null input loads nothing and clears the data; clearOnRun empties it while a run is in flight', async () => {
		const { calls, load } = deferredLoads<string, string>();
		const q = make(load, { clearOnRun: true });
		const run = q.run('a');
		calls[0].resolve('A');
		await run;
		void q.run('b');
		expect([q.data, q.loading]).toEqual([null, true]);
		await q.run(null);
		expect(calls).toHaveLength(2);
		expect([q.data, q.loading]).toEqual([null, false]);
	});
});
