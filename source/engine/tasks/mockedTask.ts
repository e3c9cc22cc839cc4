/**
 * A Task answered from the mock config instead of the service, recording the
 * events the real integration would (LambdaFunction* for a function ARN, Task*
 * otherwise), so a mocked run's history reads like a real one.
 */
import {StatesError} from '../../asl/statesError.js';
import {payloadDetails} from '../historyEvent.js';
import type {MockedResponse} from './mockConfig.js';
import type {TaskCall} from './taskResources.js';

const functionArn = /^arn:aws[a-z-]*:lambda:/;

export function runMockedTask(call: TaskCall, response: MockedResponse): unknown {
	const {ctx} = call;
	const {history} = ctx.frame.run;
	const legacy = functionArn.test(call.resource);
	const service = /^arn:aws[a-z-]*:states:::([^:]+):(.+)$/.exec(call.resource);
	const base = service ? {resourceType: service[1], resource: service[2]} : {resourceType: 'unknown', resource: call.resource};
	if (legacy) {
		history.record(ctx.frame, 'LambdaFunctionScheduled', {resource: call.resource, ...payloadDetails('input', call.payload)});
		history.record(ctx.frame, 'LambdaFunctionStarted');
	} else {
		history.record(ctx.frame, 'TaskScheduled', {...base, region: ctx.frame.run.identity.region, parameters: JSON.stringify(call.payload)});
		history.record(ctx.frame, 'TaskStarted', base);
	}
	if (response.kind === 'throw') {
		const details: Record<string, unknown> = {error: response.error};
		if (response.cause !== undefined) details.cause = response.cause;
		history.record(ctx.frame, legacy ? 'LambdaFunctionFailed' : 'TaskFailed', legacy ? details : {...base, ...details});
		throw new StatesError(response.error, response.cause);
	}
	history.record(ctx.frame, legacy ? 'LambdaFunctionSucceeded' : 'TaskSucceeded', legacy ? payloadDetails('output', response.value) : {...base, ...payloadDetails('output', response.value)});
	return structuredClone(response.value);
}
