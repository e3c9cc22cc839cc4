/**
 * `arn:aws:states:::states:startExecution` on a local machine: fire and forget,
 * `.sync` (the child's DescribeExecution, Output as text), `.sync:2` (Output
 * parsed), or `.waitForTaskToken` (the child answers the parent's token). The
 * child's ARN is kept in the thread's position, so after a restart the parent
 * waits for the same child instead of starting another.
 */
import {StatesError} from '../../asl/statesError.js';
import type {Engine, ExecutionResult, StateMachineRef} from '../engine.js';
import {payloadDetails} from '../historyEvent.js';
import {awaitTaskToken} from './taskToken.js';
import type {TaskIntegration} from './taskResources.js';
import {asStatesError, failureDetails} from './taskFailure.js';

const startExecutionArn = /^arn:aws[a-z-]*:states:::states:startExecution(\.sync(:2)?|\.waitForTaskToken)?$/;

export type MachineResolver = (arn: string) => StateMachineRef | undefined;

export function nestedExecutionIntegration(engine: Engine, machines: MachineResolver): TaskIntegration {
	return {
		matches: resource => startExecutionArn.test(resource),
		async run(call) {
			const {ctx} = call;
			const {history} = ctx.frame.run;
			const mode = call.resource.slice(call.resource.indexOf('startExecution') + 'startExecution'.length);
			const base = {resourceType: 'states', resource: `startExecution${mode}`};
			const position = ctx.frame.position!;
			try {
				let childArn = ctx.resume?.childExecutionArn;
				if (!childArn) {
					const scheduled: Record<string, unknown> = {...base, region: engine.options.region, parameters: JSON.stringify(call.payload)};
					if (call.timeoutSeconds !== undefined) scheduled.timeoutInSeconds = call.timeoutSeconds;
					history.record(ctx.frame, 'TaskScheduled', scheduled);
					history.record(ctx.frame, 'TaskStarted', base);
					const params = (call.payload ?? {}) as Record<string, unknown>;
					const machine = typeof params.StateMachineArn === 'string' ? machines(params.StateMachineArn) : undefined;
					if (!machine) {
						throw new StatesError('StepFunctions.StateMachineDoesNotExistException', `State Machine Does Not Exist: '${String(params.StateMachineArn)}'`);
					}
					const input = typeof params.Input === 'string' ? parseJson(params.Input) : (params.Input ?? {});
					const started = engine.start(machine, input, {
						name: typeof params.Name === 'string' ? params.Name : undefined,
						parentArn: ctx.frame.run.identity.arn,
					});
					childArn = started.executionArn;
					position.childExecutionArn = childArn;
					const startOutput = {ExecutionArn: childArn, StartDate: new Date(engine.clock.now()).toISOString()};
					if (mode === '') {
						history.record(ctx.frame, 'TaskSucceeded', {...base, ...payloadDetails('output', startOutput)});
						return startOutput;
					}
					history.record(ctx.frame, 'TaskSubmitted', {...base, ...payloadDetails('output', startOutput)});
				}
				if (mode === '.waitForTaskToken') {
					const answer = await awaitTaskToken(call, {kind: 'callback', input: call.payload});
					history.record(ctx.frame, 'TaskSucceeded', {...base, ...payloadDetails('output', answer)});
					return answer;
				}
				const result = await ctx.frame.run.clock.track(engine.waitFor(childArn, call.signal));
				const output = describe(result, mode === '.sync:2');
				if (result.status !== 'SUCCEEDED') throw new StatesError('States.TaskFailed', JSON.stringify(output));
				history.record(ctx.frame, 'TaskSucceeded', {...base, ...payloadDetails('output', output)});
				return output;
			} catch (e) {
				if (call.signal.aborted) throw call.signal.reason;
				const error = asStatesError(e);
				history.record(ctx.frame, 'TaskFailed', {...base, ...failureDetails(error)});
				throw error;
			}
		},
	};
}

/** DescribeExecution of the finished child, as `.sync` returns it (`.sync:2` parses Input and Output). */
function describe(result: ExecutionResult & {input?: unknown; name?: string; stateMachineArn?: string}, parsed: boolean): Record<string, unknown> {
	const out: Record<string, unknown> = {
		ExecutionArn: result.executionArn,
		Input: parsed ? result.input : JSON.stringify(result.input),
		InputDetails: {Included: true},
		Name: result.name,
		StartDate: new Date(result.startDate).toISOString(),
		StateMachineArn: result.stateMachineArn,
		Status: result.status,
		StopDate: new Date(result.stopDate).toISOString(),
	};
	if (result.status === 'SUCCEEDED') {
		out.Output = parsed ? result.output : JSON.stringify(result.output);
		out.OutputDetails = {Included: true};
	} else {
		if (result.error !== null) out.Error = result.error;
		if (result.cause !== null) out.Cause = result.cause;
	}
	return out;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

