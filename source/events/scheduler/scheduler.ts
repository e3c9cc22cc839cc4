/**
 * The scheduler: fires the project's schedules at their due times, beside the
 * engine (`stratus serve`, the workbench).
 *
 * Exactly once per due time. Every due time a schedule reaches becomes one row of
 * `schedule_fires`, unique by (schedule, due time). The row is inserted in the same
 * transaction that calls the target (see `store/schedules.ts`), so two engines on
 * one database, or an engine killed and restarted, never fire a due time twice, and
 * a kill mid-fire leaves nothing half done.
 *
 * Continuing after a restart. The next due time is computed from the latest due
 * time recorded for the schedule, not from "now": a restarted engine sees the due
 * times that passed while it was down. A schedule seen for the first time (or whose
 * expression, time zone, enabled state or StartDate/EndDate changed) counts from
 * that moment; it does not catch up on the time before it existed.
 *
 * Missed fires (stratus down across due times). EventBridge keeps an undelivered
 * event for its retry policy's MaximumEventAgeInSeconds (24 hours unless the
 * schedule's RetryPolicy says less) and then drops it. stratus applies that window
 * to downtime, without a storm of catch-up fires:
 * - of the due times that passed while it was down, only the latest is fired, late,
 *   and only if it is younger than the maximum event age; its event still carries
 *   the due time (`time`, `<aws.scheduler.scheduled-time>`);
 * - every other passed due time is recorded as `missed`, with the reason; after a
 *   very long downtime the 100 most recent are listed and the oldest of them counts
 *   the rest.
 *
 * Not modelled: FlexibleTimeWindow (stratus fires at the start of the window) and
 * retries of a target call that failed (locally such a failure, a bad ARN or input
 * that is not JSON, does not heal by retrying; it is recorded as an `error` fire).
 * Lambda's own asynchronous retries and destinations apply after a fire, as on AWS.
 *
 * Time comes from `now()` (the engine's clock in a workspace) and wake-ups from a
 * timer, both injectable, so tests drive the scheduler with `tick()` and never sleep.
 */
import {hostname} from 'node:os';
import type {Clock} from '../../engine/clock.js';
import type {Db} from '../../store/database.js';
import {FireStatus, ScheduleStore, type ScheduleFireRow} from '../../store/schedules.js';
import {defaultScheduleFacts, scheduleFacts, type ScheduleFacts} from './scheduleFacts.js';
import {callTarget, resolveTarget, type TargetHost} from './scheduleTarget.js';
import {dueAfter, timeSchedule, timingFingerprint, type TimedSchedule} from './scheduleTiming.js';
import {schedulerNow} from './schedulerClock.js';
import {eventTime, targetInput} from './targetInput.js';

export interface SchedulerTimer {
	set(callback: () => void, delayMs: number): unknown;
	clear(handle: unknown): void;
}

export interface SchedulerOptions extends TargetHost {
	db: Db;
	/** Epoch ms. Default: the system clock shifted by the test-only STRATUS_CLOCK_OFFSET_MS. */
	now?: () => number;
	timer?: SchedulerTimer;
	/** The longest single sleep, so that a clock that jumps (virtual time) is noticed. */
	maxSleepMs?: number;
	/** Delivery facts by schedule name; default: read from the project's template. */
	facts?: Map<string, ScheduleFacts>;
	/** Recorded as the fires' owner (`pid@host`), like the engine's executions. */
	owner?: string;
	/** Where problems go (a schedule that cannot run, a failed pass). */
	log?: (line: string) => void;
}

/** The workspace parts a scheduler needs (a Workspace has them all). */
export interface SchedulerWorkspace extends TargetHost {
	db: Db;
	clock: Clock;
	engine: TargetHost['engine'] & {owner: string};
}

interface Entry extends TimedSchedule {
	since: number;
	/** The next due time not yet handled; undefined when the schedule has no more. */
	nextDue?: number;
}

/** Missed due times listed one by one after a downtime; older ones are counted on the oldest row. */
const MAX_MISSED_ROWS = 100;
/** Due times examined in one pass for one schedule; a longer backlog continues in the next pass. */
const MAX_SCAN = 200_000;

const realTimer: SchedulerTimer = {
	set: (callback, delayMs) => setTimeout(callback, delayMs),
	clear: handle => clearTimeout(handle as NodeJS.Timeout),
};

export class Scheduler {
	readonly store: ScheduleStore;
	private readonly now: () => number;
	private readonly timer: SchedulerTimer;
	private readonly maxSleepMs: number;
	private readonly owner: string;
	private readonly log: (line: string) => void;
	private entries: Entry[] = [];
	private prepared = false;
	private started = false;
	private handle: unknown;
	private queue: Promise<unknown> = Promise.resolve();
	private readonly listeners = new Set<(fire: ScheduleFireRow) => void>();

	/** A scheduler on a workspace's database, engine, functions and clock. */
	static forWorkspace(workspace: SchedulerWorkspace, options: Partial<SchedulerOptions> = {}): Scheduler {
		return new Scheduler({
			project: workspace.project,
			db: workspace.db,
			engine: workspace.engine,
			functions: () => workspace.functions(),
			now: schedulerNow(() => workspace.clock.now()),
			maxSleepMs: workspace.clock.virtual ? 250 : 30_000,
			owner: workspace.engine.owner,
			...options,
		});
	}

	constructor(private readonly options: SchedulerOptions) {
		this.store = new ScheduleStore(options.db);
		this.now = options.now ?? schedulerNow(Date.now);
		this.timer = options.timer ?? realTimer;
		this.maxSleepMs = options.maxSleepMs ?? 30_000;
		this.owner = options.owner ?? `${process.pid}@${hostname()}`;
		this.log = options.log ?? (line => process.stderr.write(`stratus: ${line}\n`));
	}

	/** Begins firing: handles what came due while no engine ran, then sleeps until the next due time. */
	start(): void {
		if (this.started) return;
		this.started = true;
		void this.tick();
	}

	/** Stops firing; resolves once a fire in progress has been recorded. */
	async stop(): Promise<void> {
		this.started = false;
		if (this.handle !== undefined) this.timer.clear(this.handle);
		this.handle = undefined;
		await this.queue;
	}

	/** Called with every row this scheduler records (fires and missed due times). */
	onFire(listener: (fire: ScheduleFireRow) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** The next due time this scheduler will handle for a schedule (epoch ms). */
	nextDue(name: string): number | undefined {
		this.prepare();
		return this.entries.find(entry => entry.config.name === name)?.nextDue;
	}

	/** One pass: handles every schedule that is due by now. Passes never overlap. */
	tick(): Promise<ScheduleFireRow[]> {
		const pass = this.queue.then(() => this.pass());
		this.queue = pass.catch(() => undefined);
		return pass;
	}

	private async pass(): Promise<ScheduleFireRow[]> {
		const recorded: ScheduleFireRow[] = [];
		try {
			this.prepare();
			const now = this.now();
			for (const entry of this.entries) {
				if (entry.nextDue === undefined || entry.nextDue > now) continue;
				recorded.push(...(await this.catchUp(entry, now)));
			}
		} catch (error) {
			this.log(`the scheduler could not fire: ${error instanceof Error ? error.message : String(error)}`);
		}
		for (const fire of recorded) for (const listener of this.listeners) listener(fire);
		this.arm();
		return recorded;
	}

	/** Reads the schedules once: cursors, abandoned fires, first due times. */
	private prepare(): void {
		if (this.prepared) return;
		this.prepared = true;
		const {project} = this.options;
		const facts = this.options.facts ?? scheduleFacts(project);
		const now = this.now();
		this.settleAbandoned();
		for (const config of project.schedules) {
			const timed = timeSchedule(config, facts.get(config.name) ?? defaultScheduleFacts(project, config));
			if ('error' in timed) {
				this.log(`schedule ${config.name} does not run: ${timed.error}`);
				continue;
			}
			const since = this.store.cursorSince(config.name, timingFingerprint(timed), now);
			if (!config.enabled) continue;
			const cursor = Math.max(this.store.lastDue(config.name) ?? -Infinity, since);
			this.entries.push({...timed, since, nextDue: dueAfter(timed, cursor)});
		}
	}

	/**
	 * Fires left `firing` by an engine that died awaiting Lambda's answer: their
	 * event was queued in the claim's transaction, so the target was called; only
	 * the request id is lost.
	 */
	private settleAbandoned(): void {
		for (const row of this.store.firing()) {
			if (row.owner === this.owner || (row.owner !== null && ownerAlive(row.owner))) continue;
			this.store.finish(row.id, {status: FireStatus.Ok});
		}
	}

	/** Handles the due times of one schedule that passed by `now`: the latest fires, older ones are missed. */
	private async catchUp(entry: Entry, now: number): Promise<ScheduleFireRow[]> {
		const {name, target} = entry.config;
		const cursor = Math.max(this.store.lastDue(name) ?? -Infinity, entry.since);
		const recent: number[] = [];
		let total = 0;
		let due = dueAfter(entry, cursor);
		while (due !== undefined && due <= now && total < MAX_SCAN) {
			total++;
			recent.push(due);
			if (recent.length > MAX_MISSED_ROWS + 1) recent.shift();
			due = dueAfter(entry, due);
		}
		entry.nextDue = due;
		if (total === 0) return [];

		const latest = recent[recent.length - 1];
		const maxAgeMs = entry.facts.maximumEventAgeSeconds * 1000;
		const fresh = now - latest <= maxAgeMs && total < MAX_SCAN;
		const missed = fresh ? recent.slice(0, -1) : recent;
		const unlisted = total - recent.length;
		const reason = fresh
			? `stratus was not running at the due time; only the latest missed fire (${eventTime(latest)}) was sent`
			: `stratus was not running at the due time, and the fire was older than the maximum event age (${entry.facts.maximumEventAgeSeconds} s) when it was back`;
		const missedRows = missed.map((dueAt, i) => ({
			schedule: name,
			dueAt,
			target,
			reason: i === 0 && unlisted > 0 ? `${reason} (so were ${unlisted} earlier due times, not listed)` : reason,
		}));
		const firstNew = this.store.maxId();
		this.store.recordMissed(missedRows);
		const recorded = this.store.fires({schedule: name, afterId: firstNew}).filter(row => row.status === FireStatus.Missed && row.owner === null);
		if (fresh) {
			const fire = await this.fire(entry, latest);
			if (fire) recorded.push(fire);
		}
		return recorded;
	}

	/** Claims one due time and calls the target; undefined when another engine had claimed it. */
	private async fire(entry: Entry, dueAt: number): Promise<ScheduleFireRow | undefined> {
		const {project} = this.options;
		const {name, target} = entry.config;
		// The function service starts outside the claim's transaction (it may open a connection of its own).
		if (resolveTarget(project, target)?.kind === 'function') this.options.functions();
		const input = targetInput(entry.config, entry.facts, {dueAt, region: project.region, accountId: project.accountId});
		const claim = this.store.claim({schedule: name, dueAt, target, firedAt: this.now(), owner: this.owner}, () =>
			input.ok ? callTarget(this.options, target, input.text) : {outcome: {status: FireStatus.Error, error: input.error}},
		);
		if (!claim.claimed) return undefined;
		if ('pending' in claim.dispatch) this.store.finish(claim.id, await claim.dispatch.pending);
		return this.store.get(claim.id);
	}

	/** Sleeps until the earliest next due time (at most maxSleepMs). */
	private arm(): void {
		if (this.handle !== undefined) this.timer.clear(this.handle);
		this.handle = undefined;
		if (!this.started) return;
		let next = Infinity;
		for (const entry of this.entries) if (entry.nextDue !== undefined && entry.nextDue < next) next = entry.nextDue;
		if (next === Infinity) return;
		const delay = Math.min(this.maxSleepMs, Math.max(0, next - this.now()));
		this.handle = this.timer.set(() => {
			this.handle = undefined;
			void this.tick();
		}, delay);
	}
}

/** Whether the process behind an owner id (`pid@host`) still runs; owners on other hosts are presumed alive. */
function ownerAlive(owner: string): boolean {
	const [pid, host] = owner.split('@');
	if (host !== hostname()) return true;
	try {
		process.kill(Number(pid), 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
