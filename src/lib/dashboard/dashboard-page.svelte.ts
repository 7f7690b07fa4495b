// The state of the dashboard page (DashboardView.svelte): the filter, grain and QA score source from the URL, the
// filter choices, the rollups and the KPIs and charts of the filter, re-queried when any of them or the data
// changes. Data: the pre-aggregated rollups (rollup-sql.ts, rebuilt on first view after the data changed) summed in
// memory per filter (rollup-cube.ts), or queried when too big to hold; metrics/build-kpi-sql.ts and
// build-chart-sql.ts on raw calls when the rollups cannot be built. Construct it while the view initialises (it owns
// $effects and an afterNavigate). Drawing and the 'rendered' mark stay in the view.
import { afterNavigate, goto } from '$app/navigation';
import { page } from '$app/state';
import { workspace } from '../db/workspace.svelte';
import { errorMessage } from '../i18n/error-message';
import { todayIn } from '../i18n/today';
import { autoGrain, GRAINS, queryCharts, queryDimensions, type DashboardCharts, type Grain } from '../metrics/build-chart-sql';
import { DEFAULT_SL_THRESHOLD_S, queryKpis, type KpiResult } from '../metrics/build-kpi-sql';
import { managerSettings } from '../metrics/manager-settings.svelte';
import { parseQaSource, setQaSourceParam, type QaSource } from '../metrics/qa-score';
import { filterParams, monthOf, parseFilter, presetRange, previousPeriod, type DashboardFilter, type Preset } from '../scope/filter';
import { scoringState } from '../scoring-ui/scoring-state.svelte';
import { cubeCharts, cubeKpis, type RollupRows } from './rollup-cube';
import { RollupCancelled, ensureRollup, loadRollupRows, queryDashboardFromRollup } from './rollup-sql';

const today = () => todayIn();

export class DashboardPage {
	// The service-level threshold the manager set (leaderboard settings, app_settings); the default until read.
	readonly thresholdS = $derived(managerSettings.isLoaded ? managerSettings.value.slThresholdS : DEFAULT_SL_THRESHOLD_S);

	// A filter change shows at once: the view reads the query it is navigating to until the URL has caught up
	// (SvelteKit's navigation takes a while on a busy machine); back/forward always show the URL's.
	pendingSearch = $state<string | null>(null);
	readonly search = $derived(this.pendingSearch ?? page.url.search);
	readonly params = $derived(new URLSearchParams(this.search));

	readonly filter = $derived(parseFilter(this.params));
	readonly grainParam = $derived(this.params.get('grain'));
	readonly grain = $derived<Grain>(
		GRAINS.includes(this.grainParam as Grain)
			? (this.grainParam as Grain)
			: this.filter
				? autoGrain(this.filter.from, this.filter.to)
				: 'day'
	);
	readonly rubric = $derived(scoringState.active ? { id: scoringState.active.id, version: scoringState.active.version } : null);
	/** reviewed scores where reviewed, or "automatic only" (?qa=auto) */
	readonly qaSource = $derived(parseQaSource(this.params));

	dims = $state.raw<{ teams: string[]; queues: string[]; channels: string[]; latest: string | null } | null>(null);
	kpis = $state.raw<KpiResult | null>(null);
	charts = $state.raw<DashboardCharts | null>(null);
	error = $state<string | null>(null);
	isLoading = $state(true);
	/** The filter + grain the shown KPIs and charts were queried for. */
	dataKey = $state('');
	/** Resolves true when the rollups are up to date for the workspace's current data, false to query raw calls. */
	rollupReady = $state.raw<Promise<boolean> | null>(null);
	/** A rebuild of the rollups under way: statements done and in all (null when none is running). */
	rollupBuild = $state.raw<{ done: number; total: number } | null>(null);
	/** The user cancelled the rebuild: the page queries raw calls until the next opening. */
	isRollupCancelled = $state(false);
	#rollupAbort: AbortController | null = null;
	/** The rollups in memory for the active rubric (null: too many rows, or no rollups). */
	cubeReady = $state.raw<Promise<RollupRows | null> | null>(null);

	/** The filter + grain (+ QA score source) the URL asks for. */
	readonly requestKey = $derived(
		this.filter ? `${filterParams(this.filter)}&grain=${this.grain}${this.qaSource === 'automatic' ? '&qa=auto' : ''}` : ''
	);

	readonly prevRange = $derived(this.filter ? previousPeriod(this.filter.from, this.filter.to) : null);
	readonly hasNoCalls = $derived(workspace.counts.calls === 0 && workspace.status === 'ready');
	readonly isEmptyPeriod = $derived(this.kpis?.current.counts.offered === 0);

	constructor() {
		$effect(() => {
			void managerSettings.load();
		});

		afterNavigate(({ type, to }) => {
			if (type !== 'goto' || to?.url.search === this.pendingSearch) this.pendingSearch = null;
		});

		// Filter choices, and a default period (the month of the latest call) when the URL has none.
		$effect(() => {
			void workspace.counts;
			let cancelled = false;
			(async () => {
				try {
					const d = await workspace.oncePerImport('dashboard.dimensions', async () => queryDimensions(await workspace.db()));
					if (cancelled) return;
					this.dims = d;
					if (!this.filter) {
						const m = monthOf(d.latest ?? today());
						this.navigate({ ...m }, { replaceState: true });
					}
				} catch (e) {
					if (!cancelled) this.error = errorMessage(e);
				}
			})();
			return () => {
				cancelled = true;
			};
		});

		// The rollups follow the data: rebuilt (once, shared) when an import or a scoring run changed it. The page
		// shows the rebuild's steps and can cancel it; cancelled or failed, it queries raw calls (the same figures).
		$effect(() => {
			void workspace.counts;
			void scoringState.revision;
			const abort = new AbortController();
			this.#rollupAbort = abort;
			this.isRollupCancelled = false;
			this.rollupReady = workspace.db().then(
				(db) =>
					ensureRollup(db, this.thresholdS, {
						signal: abort.signal,
						onProgress: (done, total) => (this.rollupBuild = done < total ? { done, total } : null)
					})
						.then(
							() => true,
							(e: unknown) => {
								if (e instanceof RollupCancelled) this.isRollupCancelled = true;
								else console.warn('dashboard rollup unavailable, querying raw calls', e);
								return false;
							}
						)
						.finally(() => (this.rollupBuild = null)),
				() => false
			);
		});

		$effect(() => {
			const ready = this.rollupReady;
			const r = this.rubric;
			if (!ready) return;
			this.cubeReady = ready.then(async (isBuilt) =>
				isBuilt
					? loadRollupRows(await workspace.db(), r).catch((e: unknown) => {
							console.warn('dashboard rollups not loaded, querying them instead', e);
							return null;
						})
					: null
			);
		});

		$effect(() => {
			const f = this.filter;
			const g = this.grain;
			const r = this.rubric;
			const source = this.qaSource;
			const key = this.requestKey;
			const ready = this.rollupReady;
			const cube = this.cubeReady;
			if (!f || !ready || !cube) return;
			performance.mark('callqa:dashboard-requested', { detail: key });
			let cancelled = false;
			this.isLoading = true;
			(async () => {
				try {
					const db = await workspace.db();
					const opts = { rubric: r, slThresholdS: this.thresholdS, qaSource: source };
					const rows = await cube;
					// In memory when the rollups fit (no round trip to the worker), else the rollups in one statement,
					// else raw calls (the fallback) in two statements sent at once.
					const { kpis: k, charts: c } = rows
						? { kpis: cubeKpis(rows, f, source), charts: cubeCharts(rows, f, g, source) }
						: (await ready)
							? await queryDashboardFromRollup(db, f, g, r, opts)
							: await Promise.all([queryKpis(db, f, opts), queryCharts(db, f, g, r, this.thresholdS, source)]).then(([kpis, charts]) => ({
									kpis,
									charts
								}));
					if (cancelled) return;
					performance.mark('callqa:dashboard-queried', { detail: key });
					this.kpis = k;
					this.charts = c;
					this.dataKey = key;
					this.error = null;
				} catch (e) {
					if (!cancelled) this.error = errorMessage(e);
				} finally {
					if (!cancelled) this.isLoading = false;
				}
			})();
			return () => {
				cancelled = true;
			};
		});
	}

	/** Stops the rollup rebuild after the statement running now; the rollups stay as they were. */
	cancelRollup() {
		this.#rollupAbort?.abort();
	}

	navigate(next: DashboardFilter, opts: { replaceState?: boolean; grain?: Grain | null; qa?: QaSource } = {}) {
		const p = filterParams(next);
		const g = opts.grain === undefined ? this.grainParam : opts.grain;
		if (g) p.set('grain', g);
		setQaSourceParam(p, opts.qa ?? this.qaSource);
		this.pendingSearch = `?${p}`;
		goto(`?${p}`, { replaceState: opts.replaceState ?? false, keepFocus: true, noScroll: true });
	}

	update(patch: Partial<DashboardFilter>) {
		if (!this.filter) return;
		const next = { ...this.filter, ...patch };
		if (next.from > next.to) return;
		this.navigate(next);
	}

	applyPreset(p: Preset) {
		if (!this.filter) return;
		this.navigate({ ...this.filter, ...presetRange(p, today()) }, { grain: null });
	}

	/** The calls list with this dashboard's filter plus what a chart element adds. */
	openCalls(extra: Record<string, string | number>) {
		if (!this.filter) return;
		const p = filterParams(this.filter);
		for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
		goto(`/calls?${p}`);
	}
}
