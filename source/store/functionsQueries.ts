/**
 * Read side of the Lambda tables for the CLI and the TUI: recent invocations, one
 * invocation's log lines, a function's log tail, and per-function statistics.
 */
import type {Db} from './database.js';
import {invocationLogText, type StoredLog} from './functionsLog.js';
import type {InvocationRecord} from './functionsStore.js';

/** A stored invocation row without its log text (read apart, by `invocationLogs`), and with its row id. */
export interface InvocationSummary extends Omit<InvocationRecord, 'logs' | 'initLogs'> {
	id: number;
}

/** What a row's Lambda log is rendered from (see functionsLog.ts). */
const logColumns = `request_id AS requestId, version, duration_ms AS durationMs, billed_duration_ms AS billedDurationMs,
	init_duration_ms AS initDurationMs, memory_size_mb AS memorySizeMb, max_memory_used_mb AS maxMemoryUsedMb, status,
	error_type AS errorType, logs, init_logs AS initLogs, log_format AS logFormat`;

const summaryColumns = `id, request_id AS requestId, function_name AS functionName, version, qualifier,
	invocation_type AS invocationType, start_time AS startTime, duration_ms AS durationMs,
	billed_duration_ms AS billedDurationMs, init_duration_ms AS initDurationMs, memory_size_mb AS memorySizeMb,
	max_memory_used_mb AS maxMemoryUsedMb, status, error_type AS errorType, cost`;

/** Newest first. */
export function listInvocations(db: Db, options: {functionName?: string; limit?: number} = {}): InvocationSummary[] {
	const limit = options.limit ?? 50;
	if (options.functionName !== undefined) {
		return db
			.prepare(`SELECT ${summaryColumns} FROM function_invocations WHERE function_name = ? ORDER BY id DESC LIMIT ?`)
			.all(options.functionName, limit) as InvocationSummary[];
	}
	return db.prepare(`SELECT ${summaryColumns} FROM function_invocations ORDER BY id DESC LIMIT ?`).all(limit) as InvocationSummary[];
}

/** The log lines of every attempt with this request id (async retries share one), oldest first. */
export function invocationLogs(db: Db, requestId: string): string[] {
	const rows = db.prepare(`SELECT ${logColumns} FROM function_invocations WHERE request_id = ? ORDER BY id`).all(requestId) as StoredLog[];
	return rows.flatMap(row => splitLines(invocationLogText(row)));
}

export interface LogChunk {
	/** Row id: pass the last one seen as `afterId` to follow. */
	id: number;
	requestId: string;
	startTime: number;
	lines: string[];
}

/** A function's log, invocation by invocation, oldest first: the tail when `afterId` is absent. */
export function functionLogs(db: Db, functionName: string, options: {afterId?: number; limit?: number} = {}): LogChunk[] {
	const limit = options.limit ?? 100;
	const rows = (
		options.afterId === undefined
			? db
					.prepare(`SELECT id, start_time AS startTime, ${logColumns} FROM function_invocations WHERE function_name = ? ORDER BY id DESC LIMIT ?`)
					.all(functionName, limit)
					.reverse()
			: db
					.prepare(`SELECT id, start_time AS startTime, ${logColumns} FROM function_invocations WHERE function_name = ? AND id > ? ORDER BY id LIMIT ?`)
					.all(functionName, options.afterId, limit)
	) as Array<StoredLog & {id: number; startTime: number}>;
	return rows.map(row => ({id: row.id, requestId: row.requestId, startTime: row.startTime, lines: splitLines(invocationLogText(row))}));
}

export interface FunctionStats {
	functionName: string;
	invocations: number;
	errors: number;
	timeouts: number;
	p50DurationMs: number;
	p95DurationMs: number;
	billedDurationMs: number;
	/** USD, compute plus requests, at the prices in force when each invocation ran. */
	cost: number;
	/** Billed GB-seconds: each invocation's billed duration times its memory. */
	gbSeconds: number;
	/**
	 * GB-seconds as Lambda billed them before December 2020: each duration rounded up
	 * to 100 ms (at least 100), init not billed.
	 */
	legacyGbSeconds: number;
	lastInvokedAt: number;
}

/** One row per function that has been invoked, busiest first. */
export function functionStats(db: Db, options: {since?: number} = {}): FunctionStats[] {
	const since = options.since ?? 0;
	const totals = db
		.prepare(
			`SELECT function_name AS functionName, count(*) AS invocations,
				sum(status != 'SUCCEEDED') AS errors, sum(status = 'TIMED_OUT') AS timeouts,
				sum(billed_duration_ms) AS billedDurationMs, sum(cost) AS cost,
				sum(memory_size_mb / 1024.0 * billed_duration_ms / 1000.0) AS gbSeconds,
				sum(memory_size_mb / 1024.0 * max(100, ((CAST(duration_ms AS INTEGER) + (duration_ms > CAST(duration_ms AS INTEGER)) + 99) / 100) * 100) / 1000.0) AS legacyGbSeconds,
				max(start_time) AS lastInvokedAt
			 FROM function_invocations WHERE start_time >= ? GROUP BY function_name ORDER BY invocations DESC, function_name`,
		)
		.all(since) as Array<Omit<FunctionStats, 'p50DurationMs' | 'p95DurationMs'>>;
	const nth = db
		.prepare(
			'SELECT duration_ms FROM function_invocations WHERE function_name = ? AND start_time >= ? ORDER BY duration_ms LIMIT 1 OFFSET ?',
		)
		.pluck();
	// Nearest-rank percentiles: the smallest duration with at least p% of invocations at or below it.
	const percentile = (name: string, count: number, p: number) =>
		nth.get(name, since, Math.max(0, Math.ceil((p / 100) * count) - 1)) as number;
	return totals.map(row => ({
		...row,
		p50DurationMs: percentile(row.functionName, row.invocations, 50),
		p95DurationMs: percentile(row.functionName, row.invocations, 95),
	}));
}

function splitLines(text: string): string[] {
	if (text === '') return [];
	const lines = text.split('\n');
	if (lines[lines.length - 1] === '') lines.pop();
	return lines;
}
