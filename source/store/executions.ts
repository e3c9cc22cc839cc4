/**
 * Queries over executions and their history. History arrives in batches from the
 * engine's writer; one transaction per batch keeps the row rate near SQLite's
 * batched-insert ceiling instead of its per-transaction one.
 */
import {createHash} from 'node:crypto';
import type {Db} from './database.js';
import {filterConditions, type ExecutionFilter} from './executionFilter.js';
import {decodePage, encodePage, stateNames, type PageEvent, type StoredEvent} from './historyPage.js';

export type {PageEvent, StoredEvent} from './historyPage.js';

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

const columns = `id, arn, name, state_machine_arn AS stateMachineArn, type, status, input, output, error, cause,
	start_date AS startDate, stop_date AS stopDate, parent_arn AS parentArn,
	(SELECT text FROM definitions WHERE definitions.id = definition_id) AS definition, checkpoint,
	last_event_id AS lastEventId, stop_requested AS stopRequested, owner, owner_seen AS ownerSeen`;

/** Prepared once per connection: statements are the hot path of every transition batch. */
export class ExecutionStore {
	private readonly insertPage;
	private readonly definitionIds = new Map<string, number>();
	private readonly findDefinition;
	private readonly insertDefinition;
	private readonly reserveIds;
	private readonly arnTaken;
	private readonly updateProgress;
	private readonly insertExecutionStatement;
	private readonly finishStatement;
	private readonly byArn;
	private readonly writeBatch;
	/** Ids reserved for this connection: [nextId, endId). */
	private nextId = 0;
	private endId = 0;

	constructor(readonly db: Db) {
		this.insertPage = db.prepare('INSERT INTO history_pages (key, last_id, body) VALUES (? * 4294967296 + ?, ?, ?)');
		this.findDefinition = db.prepare('SELECT id FROM definitions WHERE hash = ?').pluck();
		this.insertDefinition = db.prepare('INSERT INTO definitions (hash, text) VALUES (?, ?)');
		this.reserveIds = db.prepare(`UPDATE id_sequences SET next = next + ? WHERE name = 'executions' RETURNING next`).pluck();
		this.arnTaken = db.prepare('SELECT 1 FROM executions WHERE arn = ?').pluck();
		this.updateProgress = db.prepare('UPDATE executions SET last_event_id = ?, checkpoint = coalesce(?, checkpoint) WHERE id = ?');
		this.insertExecutionStatement = db.prepare(
			`INSERT INTO executions (id, arn, name, state_machine_arn, type, status, input, output, error, cause, start_date, stop_date,
				parent_arn, definition, definition_id, checkpoint, last_event_id, owner, owner_seen)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
		);
		this.finishStatement = db.prepare(
			'UPDATE executions SET status = ?, output = ?, error = ?, cause = ?, stop_date = ?, checkpoint = NULL WHERE id = ?',
		);
		this.byArn = db.prepare(`SELECT ${columns} FROM executions WHERE arn = ?`);
		this.writeBatch = db.transaction((batch: ExecutionBatch[]) => {
			for (const item of batch) {
				const page = item.page;
				const last = page ? page.lastId : item.lastEventId;
				if (item.insert) {
					// A new execution's row lands with its first page, already finished when it ran to its end in one batch.
					const f = item.finish;
					this.insertRow(item.executionId, item.insert, {
						status: f?.status ?? item.insert.status,
						output: f?.output ?? null,
						error: f?.error ?? null,
						cause: f?.cause ?? null,
						stopDate: f?.stopDate ?? null,
						checkpoint: f ? null : (item.checkpoint ?? null),
						lastEventId: last,
					});
				}
				if (page) this.insertPage.run(item.executionId, page.firstId, page.lastId, page.body);
				if (item.insert) continue;
				if (page || item.checkpoint !== undefined) this.updateProgress.run(last, item.checkpoint ?? null, item.executionId);
				if (item.finish) {
					const f = item.finish;
					this.finishStatement.run(f.status, f.output, f.error, f.cause, f.stopDate, item.executionId);
				}
			}
		});
	}

	/**
	 * A fresh execution id. Ids come in blocks from `id_sequences`, so every process
	 * names rows without colliding and without a commit per row. Inside a transaction
	 * the reservation must roll back with it, so it takes a single id there.
	 */
	allocateExecutionId(): number {
		if (this.db.inTransaction) return (this.reserveIds.get(1) as number) - 1;
		if (this.nextId === this.endId) {
			this.endId = this.reserveIds.get(ID_BLOCK) as number;
			this.nextId = this.endId - ID_BLOCK;
		}
		return this.nextId++;
	}

	/** Whether an execution of that ARN is stored. */
	has(arn: string): boolean {
		return this.arnTaken.get(arn) !== undefined;
	}

	/** Inserts an execution row now, in its own commit; returns its id. */
	insertExecution(row: NewExecution): number {
		const id = this.allocateExecutionId();
		this.insertRow(id, row, {status: row.status, output: null, error: null, cause: null, stopDate: null, checkpoint: null, lastEventId: 0});
		return id;
	}

	private insertRow(
		id: number,
		row: NewExecution,
		state: {status: ExecutionStatus; output: string | null; error: string | null; cause: string | null; stopDate: number | null; checkpoint: string | null; lastEventId: number},
	): void {
		// Positional: binding by name costs a property lookup per column on every new execution.
		this.insertExecutionStatement.run(
			id,
			row.arn,
			row.name,
			row.stateMachineArn,
			row.type,
			state.status,
			row.input,
			state.output,
			state.error,
			state.cause,
			row.startDate,
			state.stopDate,
			row.parentArn ?? null,
			this.definitionId(row.definition),
			state.checkpoint,
			state.lastEventId,
			row.owner ?? null,
			row.startDate,
		);
	}

	/** Executions share their definition's row: a machine run ten thousand times stores it once. */
	private definitionId(text: string): number {
		let id = this.definitionIds.get(text);
		if (id === undefined) {
			const hash = createHash('sha256').update(text).digest('hex');
			id = (this.findDefinition.get(hash) as number | undefined) ?? Number(this.insertDefinition.run(hash, text).lastInsertRowid);
			this.definitionIds.set(text, id);
		}
		return id;
	}

	/**
	 * A rolled-back transaction may have taken a definition row with it. Outside a
	 * transaction the definition commits on its own, so only the two transactions
	 * (write, insertStarted) need to forget.
	 */
	private forgetDefinitions(): void {
		this.definitionIds.clear();
	}

	/** StartExecution: the row and its ExecutionStarted event land together or not at all. */
	insertStarted(row: NewExecution, started: PageEvent): number {
		try {
			return this.db.transaction(() => {
				const id = this.insertExecution(row);
				this.write([{executionId: id, page: {firstId: started.id, lastId: started.id, body: encodePage([started])}, lastEventId: started.id}]);
				return id;
			}).immediate();
		} catch (error) {
			this.forgetDefinitions();
			throw error;
		}
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
		try {
			this.writeBatch(batch);
		} catch (error) {
			this.forgetDefinitions();
			throw error;
		}
	}

	get(arn: string): ExecutionRow | undefined {
		return this.byArn.get(arn) as ExecutionRow | undefined;
	}

	latestByName(name: string): ExecutionRow | undefined {
		return this.db.prepare(`SELECT ${columns} FROM executions WHERE name = ? ORDER BY start_date DESC, id DESC LIMIT 1`).get(name) as
			| ExecutionRow
			| undefined;
	}

	list(filter: ExecutionFilter & {limit?: number} = {}): ExecutionRow[] {
		const {where, params} = filterConditions(filter);
		const sql = `SELECT ${columns} FROM executions ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
			ORDER BY start_date DESC, id DESC ${filter.limit ? 'LIMIT ' + Number(filter.limit) : ''}`;
		return this.db.prepare(sql).all(...params) as ExecutionRow[];
	}

	history(executionId: number): StoredEvent[] {
		const pages = this.db
			.prepare('SELECT key - ? * 4294967296 AS firstId, body FROM history_pages WHERE key BETWEEN ? * 4294967296 AND ? * 4294967296 + 4294967295 ORDER BY key')
			.all(executionId, executionId, executionId) as Array<{firstId: number; body: string}>;
		if (pages.length === 0) return [];
		const definition = this.db
			.prepare('SELECT text FROM definitions WHERE id = (SELECT definition_id FROM executions WHERE id = ?)')
			.pluck()
			.get(executionId) as string | undefined;
		const names = definition === undefined ? [] : stateNames(JSON.parse(definition));
		return pages.flatMap(page => decodePage(executionId, page.firstId, page.body, names));
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

const ID_BLOCK = 64;

export interface NewExecution {
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
}

export interface ExecutionBatch {
	executionId: number;
	/** The execution's row, when this batch is its first. */
	insert?: NewExecution;
	/** Events firstId..lastId, packed (historyPage.ts). */
	page?: {firstId: number; lastId: number; body: string};
	lastEventId: number;
	checkpoint?: string;
	finish?: {status: ExecutionStatus; output: string | null; error: string | null; cause: string | null; stopDate: number};
}
