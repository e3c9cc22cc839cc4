/**
 * The error payloads Lambda itself produces when an environment fails rather than
 * the handler: a timeout, a runtime that exits, one that runs out of memory.
 */
import type {InvokeOutcome} from './runtimeTypes.js';

export const RuntimeErrorType = {
	Timeout: 'Sandbox.Timedout',
	Exit: 'Runtime.ExitError',
	OutOfMemory: 'Runtime.OutOfMemory',
	InvalidEntrypoint: 'Runtime.InvalidEntrypoint',
} as const;
export type RuntimeErrorType = (typeof RuntimeErrorType)[keyof typeof RuntimeErrorType];

export function errorPayload(errorType: string, errorMessage: string): Buffer {
	return Buffer.from(JSON.stringify({errorType, errorMessage}));
}

/** `Task timed out after 3.00 seconds`: the configured timeout, two decimals, as Lambda prints it. */
export function timeoutMessage(timeoutSeconds: number): string {
	return `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
}

export function timeoutPayload(requestId: string, timeoutSeconds: number): Buffer {
	return errorPayload(RuntimeErrorType.Timeout, `RequestId: ${requestId} Error: ${timeoutMessage(timeoutSeconds)}`);
}

/** How Lambda words a runtime process ending: `exit status 1`, `signal: killed`. */
export function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
	if (signal) return `signal: ${signal === 'SIGKILL' ? 'killed' : signal.replace(/^SIG/, '').toLowerCase()}`;
	return `exit status ${code ?? 0}`;
}

export function exitPayload(requestId: string, reason: string): Buffer {
	const message = reason === 'exit status 0' ? 'Runtime exited without providing a reason' : `Runtime exited with error: ${reason}`;
	return errorPayload(RuntimeErrorType.Exit, `RequestId: ${requestId} Error: ${message}`);
}

export function outOfMemoryPayload(requestId: string): Buffer {
	return errorPayload(RuntimeErrorType.OutOfMemory, `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`);
}

/** An outcome for a failure that happened outside the handler. */
export function failedOutcome(payload: Buffer, errorType: string, fields: Partial<InvokeOutcome> = {}): InvokeOutcome {
	return {ok: false, payload, errorType, logs: '', durationMs: 0, maxMemoryUsedMB: 0, timedOut: false, ...fields};
}
