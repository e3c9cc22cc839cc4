/**
 * Writes and lookups for the Lambda side: invocation rows (in batches), published
 * versions, aliases, the asynchronous event queue and destination records.
 * Statements are prepared once per connection because invocation batches are the
 * hot path of every warm invoke.
 */
import type {Db} from './database.js';
import {LogFormat} from './functionsLog.js';

export const InvocationStatus = {
	Succeeded: 'SUCCEEDED',
	Failed: 'FAILED',
	TimedOut: 'TIMED_OUT',
} as const;
export type InvocationStatus = (typeof InvocationStatus)[keyof typeof InvocationStatus];

export interface InvocationRecord {
	requestId: string;
	functionName: string;
	version: string;
	qualifier: string | null;
	invocationType: string;
	/** Epoch ms. */
	startTime: number;
	durationMs: number;
	billedDurationMs: number;
	initDurationMs: number | null;
	memorySizeMb: number;
	maxMemoryUsedMb: number;
	status: InvocationStatus;
	errorType: string | null;
	/** USD. */
	cost: number;
	/**
	 * What the function printed during the invocation, newline-terminated lines, and
	 * the timeout line when it timed out; START, END and REPORT are rendered from the
	 * other fields when read (functionsLog.ts).
	 */
	logs: string;
	/** What the environment printed while initialising, on the invocation that started it. */
	initLogs: string | null;
}

export interface VersionRow {
	functionName: string;
	version: number;
	description: string;
	codeSha256: string;
	codeDir: string;
	/** JSON of the frozen FunctionConfig. */
	config: string;
	createdAt: number;
}

export interface AliasRow {
	functionName: string;
	name: string;
	functionVersion: string;
	/** JSON object version -> weight, or null. */
	additionalVersionWeights: string | null;
	description: string;
	createdAt: number;
	updatedAt: number;
}

export const AsyncEventStatus = {
	Queued: 'QUEUED',
	Running: 'RUNNING',
	Succeeded: 'SUCCEEDED',
	Failed: 'FAILED',
	Expired: 'EXPIRED',
} as const;
export type AsyncEventStatus = (typeof AsyncEventStatus)[keyof typeof AsyncEventStatus];

export interface AsyncEventRow {
	id: number;
	requestId: string;
	functionName: string;
	qualifier: string | null;
	payload: Buffer;
	clientContext: string | null;
	status: AsyncEventStatus;
	attempts: number;
	enqueuedAt: number;
	nextAttemptAt: number;
	leaseUntil: number | null;
	executedVersion: string | null;
	lastErrorType: string | null;
	lastResponse: Buffer | null;
	updatedAt: number;
}

export interface DestinationRecordRow {
	id: number;
	requestId: string;
	functionName: string;
	/** OnSuccess | OnFailure | DeadLetter */
	kind: string;
	destination: string;
	/** Success | RetriesExhausted | EventAgeExceeded */
	condition: string;
	/** JSON text as delivered to the destination. */
	record: string;
	createdAt: number;
}

const asyncColumns = `id, request_id AS requestId, function_name AS functionName, qualifier, payload,
	client_context AS clientContext, status, attempts, enqueued_at AS enqueuedAt, next_attempt_at AS nextAttemptAt,
	lease_until AS leaseUntil, executed_version AS executedVersion, last_error_type AS lastErrorType,
	last_response AS lastResponse, updated_at AS updatedAt`;

const versionColumns = `function_name AS functionName, version, description, code_sha256 AS codeSha256,
	code_dir AS codeDir, config, created_at AS createdAt`;

const aliasColumns = `function_name AS functionName, name, function_version AS functionVersion,
	additional_version_weights AS additionalVersionWeights, description, created_at AS createdAt, updated_at AS updatedAt`;

export class FunctionStore {
	private readonly insertInvocation;
	private readonly insertInvocationBatch;
	private readonly versionStatement;
	private readonly latestVersionStatement;
	private readonly versionsStatement;
	private readonly insertVersionStatement;
	private readonly aliasStatement;
	private readonly aliasesStatement;
	private readonly insertAliasStatement;
	private readonly updateAliasStatement;
	private readonly deleteAliasStatement;
	private readonly enqueueStatement;
	private readonly dueStatement;
	private readonly claimStatement;
	private readonly finishStatement;
	private readonly requeueStatement;
	private readonly nextDueStatement;
	private readonly pendingCountStatement;
	private readonly asyncEventStatement;
	private readonly insertDestinationStatement;
	private readonly destinationsStatement;

	constructor(readonly db: Db) {
		const invocationInsert = `INSERT INTO function_invocations (request_id, function_name, version, qualifier, invocation_type,
			start_time, duration_ms, billed_duration_ms, init_duration_ms, memory_size_mb, max_memory_used_mb, status, error_type, cost, logs,
			init_logs, log_format) VALUES `;
		const row = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${LogFormat.Output})`;
		this.insertInvocation = db.prepare(invocationInsert + row);
		// Multi-row inserts cross from JavaScript into SQLite once per BATCH_ROWS rows instead of once per row.
		this.insertInvocationBatch = db.prepare(invocationInsert + Array(BATCH_ROWS).fill(row).join(', '));
		// Values go in as arguments, not as one array: better-sqlite3 reads an array's elements through generic property lookups.
		this.writeInvocationRows = db.transaction((rows: unknown[]) => {
			const count = rows.length / INVOCATION_COLUMNS;
			let index = 0;
			for (; index + BATCH_ROWS <= count; index += BATCH_ROWS) {
				this.insertInvocationBatch.run(...rows.slice(index * INVOCATION_COLUMNS, (index + BATCH_ROWS) * INVOCATION_COLUMNS));
			}
			for (; index < count; index++) this.insertInvocation.run(...rows.slice(index * INVOCATION_COLUMNS, (index + 1) * INVOCATION_COLUMNS));
		});

		this.versionStatement = db.prepare(`SELECT ${versionColumns} FROM function_versions WHERE function_name = ? AND version = ?`);
		this.latestVersionStatement = db.prepare(
			`SELECT ${versionColumns} FROM function_versions WHERE function_name = ? ORDER BY version DESC LIMIT 1`,
		);
		this.versionsStatement = db.prepare(`SELECT ${versionColumns} FROM function_versions WHERE function_name = ? ORDER BY version`);
		this.insertVersionStatement = db.prepare(
			`INSERT INTO function_versions (function_name, version, description, code_sha256, code_dir, config, created_at)
			 VALUES (@functionName, @version, @description, @codeSha256, @codeDir, @config, @createdAt)`,
		);

		this.aliasStatement = db.prepare(`SELECT ${aliasColumns} FROM function_aliases WHERE function_name = ? AND name = ?`);
		this.aliasesStatement = db.prepare(`SELECT ${aliasColumns} FROM function_aliases WHERE function_name = ? ORDER BY name`);
		this.insertAliasStatement = db.prepare(
			`INSERT INTO function_aliases (function_name, name, function_version, additional_version_weights, description, created_at, updated_at)
			 VALUES (@functionName, @name, @functionVersion, @additionalVersionWeights, @description, @createdAt, @updatedAt)`,
		);
		this.updateAliasStatement = db.prepare(
			`UPDATE function_aliases SET function_version = @functionVersion, additional_version_weights = @additionalVersionWeights,
			 description = @description, updated_at = @updatedAt WHERE function_name = @functionName AND name = @name`,
		);
		this.deleteAliasStatement = db.prepare('DELETE FROM function_aliases WHERE function_name = ? AND name = ?');

		this.enqueueStatement = db.prepare(
			`INSERT INTO function_async_events (request_id, function_name, qualifier, payload, client_context, status, attempts,
			 enqueued_at, next_attempt_at, updated_at) VALUES (?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?, ?)`,
		);
		// RUNNING rows whose lease ran out belong to a process that died mid-invoke: they are due again.
		this.dueStatement = db.prepare(
			`SELECT ${asyncColumns} FROM function_async_events
			 WHERE (status = 'QUEUED' AND next_attempt_at <= ?) OR (status = 'RUNNING' AND lease_until < ?)
			 ORDER BY next_attempt_at, id LIMIT ?`,
		);
		this.claimStatement = db.prepare(
			`UPDATE function_async_events SET status = 'RUNNING', lease_until = ?, updated_at = ?
			 WHERE id = ? AND (status = 'QUEUED' OR (status = 'RUNNING' AND lease_until < ?))`,
		);
		this.finishStatement = db.prepare(
			`UPDATE function_async_events SET status = ?, attempts = ?, executed_version = ?, last_error_type = ?, last_response = ?,
			 lease_until = NULL, updated_at = ? WHERE id = ?`,
		);
		this.requeueStatement = db.prepare(
			`UPDATE function_async_events SET status = 'QUEUED', attempts = ?, next_attempt_at = ?, executed_version = ?,
			 last_error_type = ?, last_response = ?, lease_until = NULL, updated_at = ? WHERE id = ?`,
		);
		this.nextDueStatement = db
			.prepare(
				`SELECT min(CASE status WHEN 'QUEUED' THEN next_attempt_at ELSE lease_until END) FROM function_async_events
				 WHERE status IN ('QUEUED', 'RUNNING')`,
			)
			.pluck();
		this.pendingCountStatement = db
			.prepare(`SELECT count(*) FROM function_async_events WHERE status IN ('QUEUED', 'RUNNING')`)
			.pluck();
		this.asyncEventStatement = db.prepare(`SELECT ${asyncColumns} FROM function_async_events WHERE request_id = ?`);

		this.insertDestinationStatement = db.prepare(
			`INSERT INTO function_destination_records (request_id, function_name, kind, destination, condition, record, created_at)
			 VALUES (@requestId, @functionName, @kind, @destination, @condition, @record, @createdAt)`,
		);
		this.destinationsStatement = db.prepare(
			`SELECT id, request_id AS requestId, function_name AS functionName, kind, destination, condition, record,
			 created_at AS createdAt FROM function_destination_records WHERE (? IS NULL OR function_name = ?) ORDER BY id`,
		);
	}

	/** One transaction for the whole batch: rows flattened by `packInvocation`, INVOCATION_COLUMNS values each. */
	readonly writeInvocationRows: (rows: unknown[]) => void;

	writeInvocations(records: InvocationRecord[]): void {
		const rows: unknown[] = [];
		for (const record of records) packInvocation(rows, record);
		this.writeInvocationRows(rows);
	}

	version(functionName: string, version: number): VersionRow | undefined {
		return this.versionStatement.get(functionName, version) as VersionRow | undefined;
	}

	latestVersion(functionName: string): VersionRow | undefined {
		return this.latestVersionStatement.get(functionName) as VersionRow | undefined;
	}

	versions(functionName: string): VersionRow[] {
		return this.versionsStatement.all(functionName) as VersionRow[];
	}

	/**
	 * Numbers the version inside an IMMEDIATE transaction so two processes publishing
	 * at once get distinct numbers. `build` runs inside it and may decline (return
	 * undefined) when the latest version already matches.
	 */
	publishVersion(
		functionName: string,
		build: (next: number, latest: VersionRow | undefined) => Omit<VersionRow, 'version' | 'functionName'> | VersionRow,
	): VersionRow {
		return this.db
			.transaction(() => {
				const latest = this.latestVersion(functionName);
				const next = (latest?.version ?? 0) + 1;
				const built = build(next, latest);
				if ('version' in built) return built;
				const row: VersionRow = {...built, functionName, version: next};
				this.insertVersionStatement.run(row);
				return row;
			})
			.immediate();
	}

	alias(functionName: string, name: string): AliasRow | undefined {
		return this.aliasStatement.get(functionName, name) as AliasRow | undefined;
	}

	aliases(functionName: string): AliasRow[] {
		return this.aliasesStatement.all(functionName) as AliasRow[];
	}

	/** False when the alias already exists. */
	insertAlias(row: AliasRow): boolean {
		try {
			this.insertAliasStatement.run(row);
			return true;
		} catch (error) {
			if ((error as {code?: string}).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
			throw error;
		}
	}

	/** False when there is no such alias. */
	updateAlias(row: Omit<AliasRow, 'createdAt'>): boolean {
		return this.updateAliasStatement.run(row).changes === 1;
	}

	deleteAlias(functionName: string, name: string): boolean {
		return this.deleteAliasStatement.run(functionName, name).changes === 1;
	}

	enqueue(event: {requestId: string; functionName: string; qualifier: string | null; payload: Buffer; clientContext: string | null; now: number}): void {
		this.enqueueStatement.run(
			event.requestId,
			event.functionName,
			event.qualifier,
			event.payload,
			event.clientContext,
			event.now,
			event.now,
			event.now,
		);
	}

	dueEvents(now: number, limit: number): AsyncEventRow[] {
		return this.dueStatement.all(now, now, limit) as AsyncEventRow[];
	}

	/** Takes the event for this process until `leaseUntil`; false when another process got it first. */
	claim(id: number, now: number, leaseUntil: number): boolean {
		return this.claimStatement.run(leaseUntil, now, id, now).changes === 1;
	}

	finishEvent(
		id: number,
		outcome: {status: AsyncEventStatus; attempts: number; executedVersion: string | null; errorType: string | null; response: Buffer | null; now: number},
	): void {
		this.finishStatement.run(outcome.status, outcome.attempts, outcome.executedVersion, outcome.errorType, outcome.response, outcome.now, id);
	}

	requeueEvent(
		id: number,
		retry: {attempts: number; nextAttemptAt: number; executedVersion: string | null; errorType: string | null; response: Buffer | null; now: number},
	): void {
		this.requeueStatement.run(retry.attempts, retry.nextAttemptAt, retry.executedVersion, retry.errorType, retry.response, retry.now, id);
	}

	/** Earliest moment a queued event becomes due (or a running lease runs out), or undefined when idle. */
	nextDue(): number | undefined {
		return (this.nextDueStatement.get() as number | null) ?? undefined;
	}

	pendingEvents(): number {
		return this.pendingCountStatement.get() as number;
	}

	asyncEvent(requestId: string): AsyncEventRow | undefined {
		return this.asyncEventStatement.get(requestId) as AsyncEventRow | undefined;
	}

	insertDestinationRecord(row: Omit<DestinationRecordRow, 'id'>): void {
		this.insertDestinationStatement.run(row);
	}

	destinationRecords(functionName?: string): DestinationRecordRow[] {
		return this.destinationsStatement.all(functionName ?? null, functionName ?? null) as DestinationRecordRow[];
	}
}

const BATCH_ROWS = 32;
export const INVOCATION_COLUMNS = 16;

/** Appends one invocation's column values: batches travel as one flat array (cheap to send to a writer thread). */
export function packInvocation(args: unknown[], r: InvocationRecord): void {
	args.push(
		r.requestId,
		r.functionName,
		r.version,
		r.qualifier,
		r.invocationType,
		r.startTime,
		r.durationMs,
		r.billedDurationMs,
		r.initDurationMs,
		r.memorySizeMb,
		r.maxMemoryUsedMb,
		r.status,
		r.errorType,
		r.cost,
		r.logs,
		r.initLogs,
	);
}
