/**
 * Task: hands the effective parameters to the integration its Resource names,
 * under TimeoutSeconds, then shapes the result (ResultSelector/ResultPath/
 * OutputPath, or Output in JSONata).
 */
import type {TaskState} from '../../asl/definition.js';
import {evaluateTemplate} from '../../asl/jsonata/index.js';
import {ErrorName, EvaluationError, StatesError} from '../../asl/statesError.js';
import {
	applyInputPath,
	applyOutputPath,
	applyResultPath,
	applyTemplate,
	evaluateJsonataAssign,
	evaluateJsonataOutput,
	evaluateJsonPathAssign,
	evaluateTypedField,
	jsonataScope,
	readPath,
} from '../dataFlow.js';
import {type StateContext, type StateOutcome} from '../stateContext.js';
import {activityArn} from '../tasks/activityTask.js';
import {newTaskToken} from '../tasks/taskToken.js';
import {runMockedTask} from '../tasks/mockedTask.js';

/** A task result above 256 KiB fails the state, as on AWS. */
const MAX_RESULT_BYTES = 256 * 1024;

/** AWS's default: effectively no timeout. */
const DEFAULT_TIMEOUT_SECONDS = 99999999;

export async function runTask(ctx: StateContext<TaskState>): Promise<StateOutcome> {
	const {state} = ctx;
	// The token exists before Parameters are evaluated: they pass it on as `$$.Task.Token`.
	if (state.Resource.endsWith('.waitForTaskToken') || activityArn.test(state.Resource)) {
		ctx.taskToken = ctx.resume?.taskToken ?? newTaskToken();
	}
	if (ctx.queryLanguage === 'JSONata') {
		const scope = jsonataScope(ctx);
		const payload = state.Arguments === undefined ? ctx.input : await evaluateTemplate(state.Arguments, scope, 'Arguments');
		const timeoutSeconds = await jsonataSeconds(state.TimeoutSeconds, scope, 'TimeoutSeconds');
		const heartbeatSeconds = await jsonataSeconds(state.HeartbeatSeconds, scope, 'HeartbeatSeconds');
		const result = await callTask(ctx, payload, timeoutSeconds, heartbeatSeconds);
		const resultScope = jsonataScope(ctx, {result});
		const assigned = await evaluateJsonataAssign(ctx, state.Assign, resultScope);
		const output = await evaluateJsonataOutput(state.Output, resultScope, result);
		return {output, next: state.Next, assigned};
	}
	const effective = applyInputPath(ctx, ctx.input, state.InputPath);
	const payload = applyTemplate(ctx, state.Parameters, effective);
	const timeoutSeconds = pathSeconds(ctx, state.TimeoutSeconds, state.TimeoutSecondsPath, 'TimeoutSecondsPath', effective);
	const heartbeatSeconds = pathSeconds(ctx, state.HeartbeatSeconds, state.HeartbeatSecondsPath, 'HeartbeatSecondsPath', effective);
	const raw = await callTask(ctx, payload, timeoutSeconds, heartbeatSeconds);
	const result = applyTemplate(ctx, state.ResultSelector, raw);
	const assigned = evaluateJsonPathAssign(ctx, state.Assign, result);
	const output = applyOutputPath(ctx, applyResultPath(ctx.input, state.ResultPath, result), state.OutputPath);
	return {output, next: state.Next, assigned};
}

async function callTask(ctx: StateContext<TaskState>, payload: unknown, timeoutSeconds?: number, heartbeatSeconds?: number): Promise<unknown> {
	const {frame, state} = ctx;
	const {run} = frame;
	const controller = new AbortController();
	const onParentAbort = () => controller.abort(frame.signal.reason);
	frame.signal.addEventListener('abort', onParentAbort, {once: true});
	const deadline = run.clock.now() + (timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
	const timer = run.clock.sleepUntil(deadline, controller.signal).then(() => {
		// AWS's timeout carries an empty cause (a Catch sees `"Cause": ""`).
		const error = new StatesError(ErrorName.Timeout, '');
		recordTimeout(ctx, error);
		controller.abort(error);
		throw error;
	});
	timer.catch(() => {});
	try {
		const call = {ctx, resource: state.Resource, payload, timeoutSeconds, heartbeatSeconds, signal: controller.signal};
		const mocked = mockedResponse(ctx);
		const work = mocked ? Promise.resolve().then(() => runMockedTask(call, mocked)) : run.services.tasks.run(call);
		const result = await Promise.race([work, timer]);
		if (Buffer.byteLength(JSON.stringify(result) ?? '') > MAX_RESULT_BYTES) {
			throw new StatesError(
				ErrorName.DataLimitExceeded,
				`The state/task '${state.Resource.startsWith('arn:aws:states:::') ? serviceParts(state.Resource)[0] : state.Resource}' returned a result with a size exceeding the maximum number of bytes service limit.`,
			);
		}
		return result;
	} finally {
		frame.signal.removeEventListener('abort', onParentAbort);
		if (!controller.signal.aborted) controller.abort(new Error('task finished'));
	}
}

function mockedResponse(ctx: StateContext<TaskState>) {
	const {run} = ctx.frame;
	const {mocks} = run.services;
	const testCase = run.identity.testCase;
	if (!mocks || testCase === undefined) return undefined;
	const calls = run.mockedCalls.get(ctx.name) ?? 0;
	run.mockedCalls.set(ctx.name, calls + 1);
	return mocks.responseFor(run.identity.stateMachineName, testCase, ctx.name, calls);
}

function recordTimeout(ctx: StateContext<TaskState>, error: StatesError): void {
	const legacyLambda = /^arn:aws[a-z-]*:lambda:/.test(ctx.state.Resource);
	const details: Record<string, unknown> = {error: error.error};
	if (legacyLambda) ctx.frame.run.history.record(ctx.frame, 'LambdaFunctionTimedOut', details);
	else if (activityArn.test(ctx.state.Resource)) ctx.frame.run.history.record(ctx.frame, 'ActivityTimedOut', details);
	else {
		const [resourceType, resource] = serviceParts(ctx.state.Resource);
		ctx.frame.run.history.record(ctx.frame, 'TaskTimedOut', {resourceType, resource, ...details});
	}
}

/** `arn:aws:states:::lambda:invoke` -> ['lambda', 'invoke'] as TaskScheduled names them. */
export function serviceParts(resource: string): [string, string] {
	const match = /^arn:aws[a-z-]*:states:::([^:]+):(.+)$/.exec(resource);
	if (match) return [match[1], match[2]];
	return ['unknown', resource];
}

function pathSeconds(ctx: StateContext<TaskState>, literal: number | string | undefined, path: string | undefined, field: string, input: unknown): number | undefined {
	if (typeof literal === 'number') return literal;
	if (path === undefined) return undefined;
	const value = readPath(ctx, path, input);
	if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
		throw new EvaluationError(ErrorName.Runtime, `The ${field} field refers to value "${typeof value === 'string' ? value : JSON.stringify(value)}" which is not a valid integer: ${path}`);
	}
	return value;
}

async function jsonataSeconds(value: number | string | undefined, scope: ReturnType<typeof jsonataScope>, field: string): Promise<number | undefined> {
	if (value === undefined) return undefined;
	return evaluateTypedField(value, scope, field, 'integer');
}
