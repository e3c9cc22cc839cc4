/**
 * Schedule fire rows and cursors (see `schema/schedules.ts`).
 *
 * A fire is claimed and its target called in one IMMEDIATE transaction: the claim
 * row, and whatever the target call writes synchronously on this connection (the
 * execution row of a state machine target, the queued event of an asynchronous
 * Lambda invoke), commit together or not at all. An engine killed mid-fire leaves
 * neither, so the restarted engine fires that due time; an engine that lost the
 * race for the claim never calls the target.
 */
import type {Db} from './database.js';

export const FireStatus = {
	/** Claimed; the target's answer is still awaited (an asynchronous Lambda invoke). */
	Firing: 'firing',
	Ok: 'ok',
	Error: 'error',
	/** The engine was down across the due time and the fire was too old to send late. */
	Missed: 'missed',
} as const;
export type FireStatus = (typeof FireStatus)[keyof typeof FireStatus];

export interface ScheduleFireRow {
	id: number;
	schedule: string;
	/** When the schedule was due (epoch ms). */
	dueAt: number;
	/** When the target was called; null for a missed fire. */
	firedAt: number | null;
	target: string;
	status: FireStatus;
	/** Why the fire failed, or why it was missed. */
	error: string | null;
	executionArn: string | null;
	requestId: string | null;
	/** The engine (`pid@host`) that claimed it. */
	owner: string | null;
}

/** What calling a target came to. */
export type FireOutcome =
	| {status: typeof FireStatus.Ok; executionArn?: string; requestId?: string}
	| {status: typeof FireStatus.Error; error: string};

/** A target call: settled at once, or answered later (outside the claim's transaction). */
export type Dispatch = {outcome: FireOutcome} | {pending: Promise<FireOutcome>};

export interface FireClaim {
	schedule: string;
	dueAt: number;
	target: string;
	firedAt: number;
	owner: string;
}

export type ClaimResult = {claimed: false} | {claimed: true; id: number; dispatch: Dispatch};

const columns = `id, schedule, due_at AS dueAt, fired_at AS firedAt, target, status, error,
	execution_arn AS executionArn, request_id AS requestId, owner`;

export class ScheduleStore {
	private readonly insertClaim;
	private readonly insertMissed;
	private readonly finishStatement;
	private readonly lastDueStatement;

	constructor(readonly db: Db) {
		this.insertClaim = db.prepare(
			`INSERT OR IGNORE INTO schedule_fires (schedule, due_at, fired_at, target, status, owner) VALUES (?, ?, ?, ?, 'firing', ?)`,
		);
		this.insertMissed = db.prepare(
			`INSERT OR IGNORE INTO schedule_fires (schedule, due_at, fired_at, target, status, error) VALUES (?, ?, NULL, ?, 'missed', ?)`,
		);
		this.finishStatement = db.prepare(
			'UPDATE schedule_fires SET status = ?, error = ?, execution_arn = ?, request_id = ? WHERE id = ?',
		);
		this.lastDueStatement = db.prepare('SELECT max(due_at) FROM schedule_fires WHERE schedule = ?').pluck();
	}

	/**
	 * Since when `schedule` counts due times: the stored moment while its fingerprint
	 * (its timing as configured) is unchanged, else `now`, stored.
	 */
	cursorSince(schedule: string, fingerprint: string, now: number): number {
		return this.db.transaction(() => {
			const row = this.db.prepare('SELECT fingerprint, since FROM schedule_cursors WHERE schedule = ?').get(schedule) as
				| {fingerprint: string; since: number}
				| undefined;
			if (row && row.fingerprint === fingerprint) return row.since;
			this.db
				.prepare('INSERT INTO schedule_cursors (schedule, fingerprint, since) VALUES (?, ?, ?) ON CONFLICT (schedule) DO UPDATE SET fingerprint = excluded.fingerprint, since = excluded.since')
				.run(schedule, fingerprint, now);
			return now;
		}).immediate();
	}

	/** The latest due time recorded for `schedule` (fired, failed, missed or firing). */
	lastDue(schedule: string): number | undefined {
		return (this.lastDueStatement.get(schedule) as number | null) ?? undefined;
	}

	/**
	 * Claims a due time and, only if this engine won it, calls the target inside the
	 * same transaction. A settled outcome is written before the commit; a pending one
	 * leaves the row `firing` for `finish`.
	 */
	claim(fire: FireClaim, call: () => Dispatch): ClaimResult {
		return this.db.transaction((): ClaimResult => {
			const inserted = this.insertClaim.run(fire.schedule, fire.dueAt, fire.firedAt, fire.target, fire.owner);
			if (inserted.changes !== 1) return {claimed: false};
			const id = Number(inserted.lastInsertRowid);
			const dispatch = call();
			if ('outcome' in dispatch) this.finish(id, dispatch.outcome);
			return {claimed: true, id, dispatch};
		}).immediate();
	}

	finish(id: number, outcome: FireOutcome): void {
		if (outcome.status === FireStatus.Ok) this.finishStatement.run(outcome.status, null, outcome.executionArn ?? null, outcome.requestId ?? null, id);
		else this.finishStatement.run(outcome.status, outcome.error, null, null, id);
	}

	/** Records missed due times; a due time another engine already recorded is left as it is. */
	recordMissed(rows: Array<{schedule: string; dueAt: number; target: string; reason: string}>): number {
		if (rows.length === 0) return 0;
		return this.db.transaction(() => {
			let inserted = 0;
			for (const row of rows) inserted += this.insertMissed.run(row.schedule, row.dueAt, row.target, row.reason).changes;
			return inserted;
		}).immediate();
	}

	get(id: number): ScheduleFireRow | undefined {
		return this.db.prepare(`SELECT ${columns} FROM schedule_fires WHERE id = ?`).get(id) as ScheduleFireRow | undefined;
	}

	/** Fires in the order they were recorded, optionally after a row id or of one schedule. */
	fires(options: {schedule?: string; afterId?: number; limit?: number} = {}): ScheduleFireRow[] {
		return this.db
			.prepare(
				`SELECT ${columns} FROM schedule_fires WHERE id > ? AND (? IS NULL OR schedule = ?) ORDER BY id LIMIT ?`,
			)
			.all(options.afterId ?? 0, options.schedule ?? null, options.schedule ?? null, options.limit ?? -1) as ScheduleFireRow[];
	}

	/** Rows still `firing`: their engine is awaiting the target, or died doing so. */
	firing(): ScheduleFireRow[] {
		return this.db.prepare(`SELECT ${columns} FROM schedule_fires WHERE status = 'firing' ORDER BY id`).all() as ScheduleFireRow[];
	}

	/** The highest row id so far (0 when none): where a tail starts. */
	maxId(): number {
		return (this.db.prepare('SELECT max(id) FROM schedule_fires').pluck().get() as number | null) ?? 0;
	}

	/** Per schedule, the due time of its latest fire that called the target (missed ones do not count). */
	lastFires(): Map<string, number> {
		const rows = this.db
			.prepare(`SELECT schedule, max(due_at) AS dueAt FROM schedule_fires WHERE status != 'missed' GROUP BY schedule`)
			.all() as Array<{schedule: string; dueAt: number}>;
		return new Map(rows.map(row => [row.schedule, row.dueAt]));
	}
}
