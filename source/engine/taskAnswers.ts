/**
 * SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat, shared by the CLI, the
 * TUI and the HTTP API. Answers are database writes, so they work from any
 * process; the engine that waits notices them.
 */
import type {TaskTokenStore} from '../store/taskTokens.js';

export class TaskAnswerError extends Error {
	constructor(
		readonly code: 'TaskDoesNotExist' | 'TaskTimedOut' | 'InvalidToken' | 'InvalidOutput',
		message: string,
	) {
		super(message);
		this.name = code;
	}
}

const messages = {
	TaskDoesNotExist: 'Task does not exist anymore',
	TaskTimedOut: 'Task Timed Out',
	InvalidToken: 'Invalid Token',
} as const;

export function sendTaskSuccess(tokens: TaskTokenStore, token: string, outputText: string, now = Date.now()): void {
	try {
		JSON.parse(outputText);
	} catch (e) {
		throw new TaskAnswerError('InvalidOutput', `Invalid Output: ${(e as Error).message}`);
	}
	check(tokens.succeed(token, outputText, now));
}

export function sendTaskFailure(tokens: TaskTokenStore, token: string, error: string | undefined, cause: string | undefined, now = Date.now()): void {
	check(tokens.fail(token, error ?? null, cause ?? null, now));
}

export function sendTaskHeartbeat(tokens: TaskTokenStore, token: string, now = Date.now()): void {
	check(tokens.heartbeat(token, now));
}

function check(result: ReturnType<TaskTokenStore['succeed']>): void {
	if (result !== 'ok') throw new TaskAnswerError(result, messages[result]);
}
