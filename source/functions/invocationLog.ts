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

/** The line Lambda logs when it stops a function at its deadline. */
export function timeoutLine(requestId: string, timeoutSeconds: number, at = new Date()): string {
	return `${at.toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds\n`;
}

/** `LogResult` of a `Tail` invoke: the last 4 KB of the log, base64. */
export function tailLog(text: string): string {
	const bytes = Buffer.from(text, 'utf8');
	return bytes.subarray(Math.max(0, bytes.length - 4096)).toString('base64');
}
