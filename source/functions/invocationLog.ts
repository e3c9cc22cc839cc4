/**
 * Lambda's log lines for an invocation. START, END and REPORT are rendered by the
 * store from a row's columns (store/functionsLog.ts); the timeout line is written
 * with the function's output because it carries the moment the function was stopped.
 */

/** The line Lambda logs when it stops a function at its deadline. */
export function timeoutLine(requestId: string, timeoutSeconds: number, at = new Date()): string {
	return `${at.toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds\n`;
}

/** `LogResult` of a `Tail` invoke: the last 4 KB of the log, base64. */
export function tailLog(text: string): string {
	const bytes = Buffer.from(text, 'utf8');
	return bytes.subarray(Math.max(0, bytes.length - 4096)).toString('base64');
}
