/**
 * Task tokens: opaque, unguessable strings handed to a worker or a callback. The
 * token row is written in the same synchronous step that records it in the
 * thread's position, so a checkpoint and the token table agree.
 */
import {randomBytes} from 'node:crypto';
import {StatesError} from '../../asl/statesError.js';
import type {TaskCall} from './taskResources.js';

/**
 * Starts with a letter, as AWS's tokens do: a base64url token starting with '-' (one
 * in 64) was read as a flag by `stratus approve TOKEN` and every other command line.
 */
export function newTaskToken(): string {
	return 'AQ' + randomBytes(72).toString('base64url');
}

/** Opens the token of a call (once: a resumed call finds its row already there) and waits for its answer. */
export async function awaitTaskToken(
	call: TaskCall,
	options: {kind: 'activity' | 'callback'; activityArn?: string; input: unknown; onStarted?: (workerName: string) => void},
): Promise<unknown> {
	const {ctx} = call;
	const {run} = ctx.frame;
	const watcher = run.services.tokens;
	const token = ctx.taskToken;
	if (!watcher || run.executionId === undefined || !token) {
		throw new StatesError('States.TaskFailed', `${call.resource} needs a task token, which needs the engine's database (not available for this execution)`);
	}
	const now = run.clock.now();
	if (!watcher.store.get(token)) {
		watcher.store.insert({
			token,
			executionId: run.executionId,
			executionArn: run.identity.arn,
			stateName: ctx.name,
			kind: options.kind,
			activityArn: options.activityArn ?? null,
			input: JSON.stringify(options.input) ?? 'null',
			createdAt: now,
			heartbeatSeconds: call.heartbeatSeconds ?? null,
			heartbeatDeadline: call.heartbeatSeconds !== undefined ? now + call.heartbeatSeconds * 1000 : null,
			timeoutDeadline: call.timeoutSeconds !== undefined ? now + call.timeoutSeconds * 1000 : null,
		});
	}
	ctx.frame.position!.taskToken = token;
	// A person or a worker answers in real time: virtual time must not skip past them.
	const output = await run.clock.track(watcher.wait(run, token, {signal: call.signal, onStarted: options.onStarted}));
	try {
		return JSON.parse(output);
	} catch {
		return output;
	}
}
