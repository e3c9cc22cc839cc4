/**
 * Queries over executions and their history. History arrives in batches from the
 * engine's writer; one transaction per batch keeps the row rate near SQLite's
 * batched-insert ceiling instead of its per-transaction one.
 */
import type {Db} from './database.js';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

export interface ExecutionRow {
	id: number;
	arn: string;
	name: string;
	stateMachineArn: string;
	type: string;
	status: ExecutionStatus;
	input: string | null;
	output: string | null;
	error: string | null;
	cause: string | null;
	startDate: number;
	stopDate: number | null;
	parentArn: string | null;
	definition: string;
	checkpoint: string | null;
	lastEventId: number;
	stopRequested: string | null;
	/** The engine running it (`pid@host`), or null when queued or finished. */
	owner: string | null;
	ownerSeen: number | null;
}

export interface StoredEvent {
	executionId: number;
	id: number;
	previousEventId: number;
	type: string;
	timestamp: number;
	details: string | null;
}

const columns = `id, arn, name, state_machine_arn AS stateMachineArn, type, status, input, output, error, cause,
	start_date AS startDate, stop_date AS stopDate, parent_arn AS parentArn, definition, checkpoint,
	last_event_id AS lastEventId, stop_requested AS stopRequested, owner, owner_seen AS ownerSeen`;

/** Prepared once per connection: statements are the hot path of every transition batch. */
export class ExecutionStore {
	private readonly insertEvent;
	private readonly updateProgress;
	private readonly insertExecutionStatement;
	private readonly finishStatement;
	private readonly byArn;
	private readonly writeBatch;

	constructor(readonly db: Db) {
		this.insertEvent = db.prepare(
			'INSERT INTO history_events (execution_id, id, previous_event_id, type, timestamp, details) VALUES (?, ?, ?, ?, ?, ?)',
		);
		this.updateProgress = db.prepare('UPDATE executions SET last_event_id = ?, checkpoint = coalesce(?, checkpoint) WHERE id = ?');
		this.insertExecutionStatement = db.prepare(
			`INSERT INTO executions (arn, name, state_machine_arn, type, status, input, start_date, parent_arn, definition, owner, owner_seen)
			 VALUES (@arn, @name, @stateMachineArn, @type, @status, @input, @startDate, @parentArn, @definition, @owner, @startDate)`,
		);
		this.finishStatement = db.prepare(
			'UPDATE executions SET status = ?, output = ?, error = ?, cause = ?, stop_date = ?, checkpoint = NULL WHERE id = ?',
		);
		this.byArn = db.prepare(`SELECT ${columns} FROM executions WHERE arn = ?`);
		this.writeBatch = db.transaction((batch: ExecutionBatch[]) => {
			for (const item of batch) {
				for (const e of item.events) {
					this.insertEvent.run(item.executionId, e.id, e.previousEventId, e.type, e.timestamp, e.details);
				}
				if (item.events.length > 0 || item.checkpoint !== undefined) {
					const last = item.events.length > 0 ? item.events[item.events.length - 1].id : item.lastEventId;
					this.updateProgress.run(last, item.checkpoint ?? null, item.executionId);
				}
				if (item.finish) {
					const f = item.finish;
					this.finishStatement.run(f.status, f.output, f.error, f.cause, f.stopDate, item.executionId);
				}
			}
		});
	}

	insertExecution(row: {
		arn: string;
		name: string;
		stateMachineArn: string;
		type: string;
		status: ExecutionStatus;
		input: string;
		startDate: number;
		parentArn?: string | null;
		definition: string;
		/** Null queues it for whichever engine claims it first. */
		owner?: string | null;
	}): number {
		return Number(this.insertExecutionStatement.run({parentArn: null, owner: null, ...row}).lastInsertRowid);
	}

	/** StartExecution: the row and its ExecutionStarted event land together or not at all. */
	insertStarted(row: Parameters<ExecutionStore['insertExecution']>[0], started: ExecutionBatch['events'][number]): number {
		return this.db.transaction(() => {
			const id = this.insertExecution(row);
			this.write([{executionId: id, events: [started], lastEventId: started.id}]);
			return id;
		}).immediate();
	}

	running(): ExecutionRow[] {
		return this.db.prepare(`SELECT ${columns} FROM executions WHERE status = 'RUNNING' ORDER BY start_date, id`).all() as ExecutionRow[];
	}

	/** Takes an execution over from `expected` (null: a queued one); false when another engine won. */
	claim(id: number, owner: string, expected: string | null, now: number): boolean {
		const result = this.db
			.prepare(`UPDATE executions SET owner = ?, owner_seen = ? WHERE id = ? AND status = 'RUNNING' AND owner IS ?`)
			.run(owner, now, id, expected);
		return result.changes === 1;
	}

	/** A live engine says it is alive for every execution it runs. */
	touchOwner(owner: string, now: number): void {
		this.db.prepare(`UPDATE executions SET owner_seen = ? WHERE owner = ? AND status = 'RUNNING'`).run(now, owner);
	}

	requestStop(id: number, request: {error?: string; cause?: string}): void {
		this.db.prepare(`UPDATE executions SET stop_requested = ? WHERE id = ? AND status = 'RUNNING'`).run(JSON.stringify(request), id);
	}

	stopRequests(owner: string): ExecutionRow[] {
		return this.db
			.prepare(`SELECT ${columns} FROM executions WHERE owner = ? AND status = 'RUNNING' AND stop_requested IS NOT NULL`)
			.all(owner) as ExecutionRow[];
	}

	write(batch: ExecutionBatch[]): void {
		this.writeBatch(batch);
	}

	get(arn: string): ExecutionRow | undefined {
		return this.byArn.get(arn) as ExecutionRow | undefined;
	}

	latestByName(name: string): ExecutionRow | undefined {
		return this.db.prepare(`SELECT ${columns} FROM executions WHERE name = ? ORDER BY start_date DESC, id DESC LIMIT 1`).get(name) as
			| ExecutionRow
			| undefined;
	}

	list(filter: {stateMachineArn?: string; status?: string; limit?: number} = {}): ExecutionRow[] {
		const where: string[] = [];
		const params: unknown[] = [];
		if (filter.stateMachineArn) {
			where.push('state_machine_arn = ?');
			params.push(filter.stateMachineArn);
		}
		if (filter.status) {
			where.push('status = ?');
			params.push(filter.status);
		}
		const sql = `SELECT ${columns} FROM executions ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
			ORDER BY start_date DESC, id DESC ${filter.limit ? 'LIMIT ' + Number(filter.limit) : ''}`;
		return this.db.prepare(sql).all(...params) as ExecutionRow[];
	}

	history(executionId: number): StoredEvent[] {
		return this.db
			.prepare(
				`SELECT execution_id AS executionId, id, previous_event_id AS previousEventId, type, timestamp, details
				 FROM history_events WHERE execution_id = ? ORDER BY id`,
			)
			.all(executionId) as StoredEvent[];
	}

	upsertStateMachine(machine: {arn: string; name: string; type: string; definition: string}, now: number): void {
		this.db
			.prepare(
				`INSERT INTO state_machines (arn, name, type, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
				 ON CONFLICT (arn) DO UPDATE SET name = excluded.name, type = excluded.type, definition = excluded.definition,
				 updated_at = excluded.updated_at WHERE definition != excluded.definition OR type != excluded.type`,
			)
			.run(machine.arn, machine.name, machine.type, machine.definition, now, now);
	}

	stateMachines(): Array<{arn: string; name: string; type: string; definition: string}> {
		return this.db.prepare('SELECT arn, name, type, definition FROM state_machines ORDER BY name').all() as Array<{
			arn: string;
			name: string;
			type: string;
			definition: string;
		}>;
	}
}

export interface ExecutionBatch {
	executionId: number;
	events: Array<{id: number; previousEventId: number; type: string; timestamp: number; details: string | null}>;
	lastEventId: number;
	checkpoint?: string;
	finish?: {status: ExecutionStatus; output: string | null; error: string | null; cause: string | null; stopDate: number};
}
