/**
 * Executions without their payloads, for lists: what a row of the workbench's
 * executions list shows (ARN, name, machine, status, dates, error) and how far its
 * history has got, and nothing else. `ExecutionStore.list` returns whole rows, each
 * with its own copy of the definition text (tens of kilobytes for a large machine)
 * and its input and output; ten thousand of those are hundreds of megabytes, read
 * again on every change. A list reads these columns only, and the one execution a
 * person opens is read whole by `detail`, its definition by id, once.
 *
 * A list kept by a reader is brought up to date cheaply (`count` and `unfinished`):
 * executions are never deleted and only unfinished ones change, so while the count
 * of a filter's executions stands, re-reading the unfinished ones is enough.
 *
 * Read-only: rows are written by the engine through ExecutionStore.
 */
import type {Statement} from 'better-sqlite3';
import type {Db} from './database.js';
import type {ExecutionStatus} from './executions.js';
import {filterConditions} from './executionFilter.js';

export interface ExecutionSummaryRow {
	id: number;
	executionArn: string;
	name: string;
	stateMachineArn: string;
	status: ExecutionStatus;
	/** Epoch ms. */
	startDate: number;
	stopDate: number | null;
	error: string | null;
	/** The last history event written: moves while the execution runs. */
	lastEventId: number;
}

/** One execution opened: its summary, payloads, and which stored definition it ran. */
export interface ExecutionDetailRow extends ExecutionSummaryRow {
	input: string | null;
	output: string | null;
	cause: string | null;
	/** Key for `definitionText` (definitions are stored once and shared). */
	definitionId: number | null;
}

export interface SummaryFilter {
	stateMachineArn?: string;
	status?: ExecutionStatus;
	limit?: number;
}

const summaryColumns = `id, arn AS executionArn, name, state_machine_arn AS stateMachineArn, status,
	start_date AS startDate, stop_date AS stopDate, error, last_event_id AS lastEventId`;

export class ExecutionSummaries {
	private readonly byArn;
	private readonly progressByArn;
	private readonly runningProgress;
	private readonly definitionById;
	/** Statements by purpose and filter shape: a few shapes each. */
	private readonly statements = new Map<string, Statement<unknown[]>>();

	constructor(private readonly db: Db) {
		this.byArn = db.prepare(
			`SELECT ${summaryColumns}, input, output, cause, definition_id AS definitionId FROM executions WHERE arn = ?`,
		);
		this.progressByArn = db.prepare('SELECT id, last_event_id AS lastEventId FROM executions WHERE arn = ?');
		this.runningProgress = db.prepare(`SELECT id, last_event_id AS lastEventId FROM executions WHERE status = 'RUNNING' ORDER BY id`);
		this.definitionById = db.prepare('SELECT text FROM definitions WHERE id = ?').pluck();
	}

	/** Newest first (by start date, then id), at most `limit` when given. */
	list(filter: SummaryFilter = {}): ExecutionSummaryRow[] {
		const {where, params} = filterConditions(filter);
		const limited = filter.limit !== undefined && filter.limit > 0;
		if (limited) params.push(Math.floor(filter.limit!));
		const sql = `SELECT ${summaryColumns} FROM executions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
			ORDER BY start_date DESC, id DESC ${limited ? 'LIMIT ?' : ''}`;
		return this.statement(sql).all(...params) as ExecutionSummaryRow[];
	}

	/** How many executions match (the limit aside): it moves exactly when one starts, or leaves a status filter. */
	count(filter: SummaryFilter = {}): number {
		const {where, params} = filterConditions(filter);
		return this.statement(`SELECT count(*) FROM executions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`)
			.pluck()
			.get(...params) as number;
	}

	/**
	 * The executions of `ids` (those a reader last saw unfinished) and every one matching
	 * the filter that is unfinished now (RUNNING, or PENDING_REDRIVE on its way back),
	 * in no particular order: all that can have changed in a list whose count stands.
	 */
	unfinished(filter: SummaryFilter, ids: readonly number[]): ExecutionSummaryRow[] {
		const {where, params} = filterConditions(filter);
		where.push(`(status IN ('RUNNING', 'PENDING_REDRIVE') OR id IN (SELECT value FROM json_each(?)))`);
		params.push(JSON.stringify(ids));
		return this.statement(`SELECT ${summaryColumns} FROM executions WHERE ${where.join(' AND ')}`).all(...params) as ExecutionSummaryRow[];
	}

	/** The execution whole but for its definition text, or undefined. */
	detail(executionArn: string): ExecutionDetailRow | undefined {
		return this.byArn.get(executionArn) as ExecutionDetailRow | undefined;
	}

	/** Id and history progress, the cheapest way to tell whether a cached history is current. */
	progress(executionArn: string): {id: number; lastEventId: number} | undefined {
		return this.progressByArn.get(executionArn) as {id: number; lastEventId: number} | undefined;
	}

	/** Every RUNNING execution's id and last event id (the partial index `executions_running` serves it). */
	running(): Array<{id: number; lastEventId: number}> {
		return this.runningProgress.all() as Array<{id: number; lastEventId: number}>;
	}

	definitionText(definitionId: number): string | undefined {
		return this.definitionById.get(definitionId) as string | undefined;
	}

	private statement(sql: string): Statement<unknown[]> {
		let statement = this.statements.get(sql);
		if (!statement) this.statements.set(sql, (statement = this.db.prepare<unknown[]>(sql)));
		return statement;
	}
}
