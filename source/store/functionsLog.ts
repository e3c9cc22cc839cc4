/**
 * The platform lines Lambda writes around every invocation, in its exact format:
 *
 *     START RequestId: <id> Version: $LATEST
 *     <what the handler printed>
 *     END RequestId: <id>
 *     REPORT RequestId: <id>\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB\tInit Duration: 100.00 ms
 *
 * A timed-out or crashed invocation adds `Status: timeout` / `Status: error` and
 * `Error Type` to its REPORT line, as Lambda does.
 *
 * START, END and REPORT say nothing the invocation's row does not already hold, so
 * rows store only what the function printed and the lines are rendered here when the
 * log is read: an invocation row is written tens of thousands of times a second,
 * and those three lines were most of its bytes.
 */

export interface ReportFields {
	requestId: string;
	durationMs: number;
	billedDurationMs: number;
	memorySizeMb: number;
	maxMemoryUsedMb: number;
	initDurationMs?: number;
	status?: 'timeout' | 'error';
	errorType?: string;
}

export function startLine(requestId: string, version: string): string {
	return `START RequestId: ${requestId} Version: ${version}\n`;
}

export function endLine(requestId: string): string {
	return `END RequestId: ${requestId}\n`;
}

export function reportLine(fields: ReportFields): string {
	let line = `REPORT RequestId: ${fields.requestId}\tDuration: ${fields.durationMs.toFixed(2)} ms\tBilled Duration: ${fields.billedDurationMs} ms\tMemory Size: ${fields.memorySizeMb} MB\tMax Memory Used: ${fields.maxMemoryUsedMb} MB`;
	if (fields.initDurationMs !== undefined) line += `\tInit Duration: ${fields.initDurationMs.toFixed(2)} ms`;
	if (fields.status) {
		line += `\tStatus: ${fields.status}`;
		if (fields.errorType) line += `\tError Type: ${fields.errorType}`;
	}
	return line + '\n';
}

/** Failures of the environment rather than of the handler: REPORT says `Status: error` for them. */
export const platformErrorTypes: ReadonlySet<string> = new Set(['Runtime.ExitError', 'Runtime.OutOfMemory', 'Runtime.InvalidEntrypoint']);

/** How a row's `logs` column is to be read (the `log_format` column). */
export const LogFormat = {
	/** Rows written before 2026-11: `logs` is the whole log text, START to REPORT. */
	FullText: 0,
	/** `logs` is what the function printed during the invocation (and the timeout line); `init_logs` what it printed while initialising. */
	Output: 1,
} as const;
export type LogFormat = (typeof LogFormat)[keyof typeof LogFormat];

/** The columns a stored invocation's log is rendered from. */
export interface StoredLog {
	requestId: string;
	version: string;
	durationMs: number;
	billedDurationMs: number;
	initDurationMs: number | null;
	memorySizeMb: number;
	maxMemoryUsedMb: number;
	status: string;
	errorType: string | null;
	logs: string;
	initLogs: string | null;
	logFormat: number;
}

/** The invocation's Lambda log as Lambda writes it: init output, START, output, END, REPORT. */
export function invocationLogText(row: StoredLog): string {
	if (row.logFormat === LogFormat.FullText) return row.logs;
	const timedOut = row.status === 'TIMED_OUT';
	const platformError = !timedOut && row.errorType !== null && platformErrorTypes.has(row.errorType);
	let text = row.initLogs ? withNewline(row.initLogs) : '';
	text += startLine(row.requestId, row.version);
	text += row.logs;
	text += endLine(row.requestId);
	text += reportLine({
		requestId: row.requestId,
		durationMs: row.durationMs,
		billedDurationMs: row.billedDurationMs,
		memorySizeMb: row.memorySizeMb,
		maxMemoryUsedMb: row.maxMemoryUsedMb,
		initDurationMs: row.initDurationMs ?? undefined,
		status: timedOut ? 'timeout' : platformError ? 'error' : undefined,
		errorType: platformError ? (row.errorType ?? undefined) : undefined,
	});
	return text;
}

export function withNewline(text: string): string {
	return text.endsWith('\n') ? text : text + '\n';
}
