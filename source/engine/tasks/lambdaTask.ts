/**
 * Lambda from a Task state, both ways AWS offers: the legacy function ARN as the
 * Resource (LambdaFunction* events, the payload is the state input) and the
 * optimised `arn:aws:states:::lambda:invoke` integration (Task* events, the
 * result wraps the payload in Lambda's Invoke response).
 */
import {randomUUID} from 'node:crypto';
import {StatesError} from '../../asl/statesError.js';
import {payloadDetails} from '../historyEvent.js';
import type {LambdaInvoker, LambdaInvokeResult} from './lambdaInvoker.js';
import type {TaskCall, TaskIntegration} from './taskResources.js';
import {asStatesError, failureDetails} from './taskFailure.js';
import {awaitTaskToken} from './taskToken.js';

const functionArn = /^arn:aws[a-z-]*:lambda:[^:]+:\d{12}:function:/;
const invokeArn = /^arn:aws[a-z-]*:states:::lambda:invoke(\.waitForTaskToken)?$/;

export function legacyLambdaIntegration(lambda: () => LambdaInvoker | undefined): TaskIntegration {
	return {
		matches: resource => functionArn.test(resource),
		async run(call) {
			const {ctx} = call;
			const {history} = ctx.frame.run;
			const scheduled: Record<string, unknown> = {resource: call.resource, ...payloadDetails('input', call.payload)};
			if (call.timeoutSeconds !== undefined) scheduled.timeoutInSeconds = call.timeoutSeconds;
			history.record(ctx.frame, 'LambdaFunctionScheduled', scheduled);
			history.record(ctx.frame, 'LambdaFunctionStarted');
			try {
				const response = await invoke(lambda, call, call.resource, JSON.stringify(call.payload));
				const output = parsePayload(response.payload);
				history.record(ctx.frame, 'LambdaFunctionSucceeded', payloadDetails('output', output));
				return output;
			} catch (e) {
				if (call.signal.aborted) throw call.signal.reason;
				const error = asStatesError(e);
				history.record(ctx.frame, 'LambdaFunctionFailed', failureDetails(error));
				throw error;
			}
		},
	};
}

export function optimisedLambdaIntegration(lambda: () => LambdaInvoker | undefined, region: string): TaskIntegration {
	return {
		matches: resource => invokeArn.test(resource),
		async run(call) {
			const {ctx} = call;
			const {history} = ctx.frame.run;
			const base = {resourceType: 'lambda', resource: call.resource.endsWith('.waitForTaskToken') ? 'invoke.waitForTaskToken' : 'invoke'};
			// After a restart the function already has its token: only the answer is left to wait for.
			const resumed = ctx.resume?.taskToken !== undefined;
			if (!resumed) {
				const scheduled: Record<string, unknown> = {...base, region, parameters: JSON.stringify(call.payload)};
				if (call.timeoutSeconds !== undefined) scheduled.timeoutInSeconds = call.timeoutSeconds;
				if (call.heartbeatSeconds !== undefined) scheduled.heartbeatInSeconds = call.heartbeatSeconds;
				history.record(ctx.frame, 'TaskScheduled', scheduled);
				history.record(ctx.frame, 'TaskStarted', base);
			}
			try {
				const params = (call.payload ?? {}) as Record<string, unknown>;
				if (!resumed) {
					const name = params.FunctionName;
					if (typeof name !== 'string') {
						throw new StatesError('States.Runtime', "The field 'FunctionName' is required and must be a string");
				}
				// No payload (or null) reaches the function as `{}`, as Lambda's Invoke does.
				const payloadText = params.Payload === undefined || params.Payload === null ? '{}' : JSON.stringify(params.Payload);
				const response = await invoke(lambda, call, name, payloadText, {
					qualifier: typeof params.Qualifier === 'string' ? params.Qualifier : undefined,
					invocationType: typeof params.InvocationType === 'string' ? params.InvocationType : undefined,
				});
				const output = invokeResponse(response);
				if (!call.resource.endsWith('.waitForTaskToken')) {
					history.record(ctx.frame, 'TaskSucceeded', {...base, ...payloadDetails('output', output)});
					return output;
				}
				// The function got the token; the task ends when someone answers it.
				history.record(ctx.frame, 'TaskSubmitted', {...base, ...payloadDetails('output', output)});
				}
				const answer = await awaitTaskToken(call, {kind: 'callback', input: params.Payload ?? null});
				history.record(ctx.frame, 'TaskSucceeded', {...base, ...payloadDetails('output', answer)});
				return answer;
			} catch (e) {
				if (call.signal.aborted) throw call.signal.reason;
				const error = asStatesError(e);
				const timedOut = error.error === 'States.HeartbeatTimeout';
				history.record(ctx.frame, timedOut ? 'TaskTimedOut' : 'TaskFailed', {...base, ...failureDetails(error)});
				throw error;
			}
		},
	};
}

async function invoke(
	lambda: () => LambdaInvoker | undefined,
	call: TaskCall,
	name: string,
	payload: string,
	options?: {qualifier?: string; invocationType?: string},
): Promise<LambdaInvokeResult> {
	const invoker = lambda();
	if (!invoker) throw new StatesError('Lambda.ServiceException', 'No Lambda functions are loaded: pass --template or a function manifest');
	const clock = call.ctx.frame.run.clock;
	const response = await clock.track(invoker.invoke(name, payload, options));
	// A timed-out or stopped task must not record a late result.
	if (call.signal.aborted) throw call.signal.reason;
	if (response.functionError) {
		// The optimised integration re-serialises the error payload compactly; the legacy ARN passes it through.
		throw new StatesError(errorTypeOf(response.payload), call.resource.startsWith('arn:aws:states:') ? compact(response.payload) : response.payload);
	}
	return response;
}

function errorTypeOf(payload: string): string {
	try {
		const parsed = JSON.parse(payload) as {errorType?: unknown};
		if (typeof parsed?.errorType === 'string') return parsed.errorType;
	} catch {
		// Not JSON: Lambda still reports the function as failed.
	}
	return 'Lambda.Unknown';
}

function compact(text: string): string {
	try {
		return JSON.stringify(JSON.parse(text));
	} catch {
		return text;
	}
}

function parsePayload(text: string): unknown {
	if (text === '') return null;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** The Invoke response as the optimised integration returns it to the state. */
function invokeResponse(response: LambdaInvokeResult): Record<string, unknown> {
	const requestId = response.requestId ?? randomUUID();
	const length = String(Buffer.byteLength(response.payload));
	const date = new Date().toUTCString();
	return {
		ExecutedVersion: response.executedVersion,
		Payload: parsePayload(response.payload),
		SdkHttpMetadata: {
			AllHttpHeaders: {
				'X-Amz-Executed-Version': [response.executedVersion],
				'x-amzn-Remapped-Content-Length': ['0'],
				Connection: ['keep-alive'],
				'x-amzn-RequestId': [requestId],
				'Content-Length': [length],
				Date: [date],
				'X-Amzn-Trace-Id': [`Root=1-${randomUUID().replace(/-/g, '').slice(0, 24)}`],
				'Content-Type': ['application/json'],
			},
			HttpHeaders: {
				Connection: 'keep-alive',
				'Content-Length': length,
				'Content-Type': 'application/json',
				Date: date,
				'X-Amz-Executed-Version': response.executedVersion,
				'x-amzn-Remapped-Content-Length': '0',
				'x-amzn-RequestId': requestId,
				'X-Amzn-Trace-Id': `Root=1-${randomUUID().replace(/-/g, '').slice(0, 24)}`,
			},
			HttpStatusCode: response.statusCode,
		},
		SdkResponseMetadata: {RequestId: requestId},
		StatusCode: response.statusCode,
	};
}
