/**
 * Calling a schedule's target, as EventBridge does: a state machine gets
 * StartExecution with the input, a function (any version or alias) an asynchronous
 * Invoke. A fire succeeds when the call is accepted; what the execution or the
 * function later does is theirs (Lambda's own async retries and destinations
 * apply), as on AWS.
 *
 * Both calls write their row (the execution, the queued event) synchronously, which
 * is what lets the claim of the fire and the call share one transaction.
 */
import type {Engine, StateMachineRef} from '../../engine/engine.js';
import type {FunctionService} from '../../functions/index.js';
import {functionNameOf} from '../../project/arns.js';
import type {Project} from '../../project/model.js';
import {FireStatus, type Dispatch, type FireOutcome} from '../../store/schedules.js';

export interface TargetHost {
	project: Project;
	engine: Pick<Engine, 'start'>;
	functions(): Pick<FunctionService, 'invoke'>;
}

export type TargetKind = {kind: 'stateMachine'; machine: StateMachineRef} | {kind: 'function'; functionName: string};

const functionArnPattern = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+(?::[^:]+)?$/;

/** The project resource an ARN names, or undefined when it is neither a machine nor a function of it. */
export function resolveTarget(project: Project, target: string): TargetKind | undefined {
	const machine = project.stateMachines.find(m => m.arn === target);
	if (machine) return {kind: 'stateMachine', machine: {arn: machine.arn, name: machine.name, type: machine.type, definition: machine.definition}};
	if (functionArnPattern.test(target) && project.functions.some(fn => fn.name === functionNameOf(target))) {
		return {kind: 'function', functionName: target};
	}
	return undefined;
}

function failure(error: unknown): FireOutcome {
	if (!(error instanceof Error)) return {status: FireStatus.Error, error: String(error)};
	// AWS's exception name (LambdaServiceError's code, StatesError's error) says more than the class.
	const code = (error as {code?: unknown; error?: unknown}).code ?? (error as {error?: unknown}).error;
	const name = typeof code === 'string' ? code : error.name !== 'Error' ? error.name : undefined;
	return {status: FireStatus.Error, error: name ? `${name}: ${error.message}` : error.message};
}

/** Calls the target with the input text; whatever throws becomes a failed fire. */
export function callTarget(host: TargetHost, target: string, input: string): Dispatch {
	const resolved = resolveTarget(host.project, target);
	if (!resolved) return {outcome: {status: FireStatus.Error, error: `${target} is not a function or state machine of this project`}};
	try {
		if (resolved.kind === 'stateMachine') {
			const {executionArn, done} = host.engine.start(resolved.machine, JSON.parse(input));
			// The execution's own end is recorded in its history; the fire only started it.
			done.catch(() => undefined);
			return {outcome: {status: FireStatus.Ok, executionArn}};
		}
		const invoked = host.functions().invoke({functionName: resolved.functionName, payload: input, invocationType: 'Event'});
		return {pending: invoked.then(result => ({status: FireStatus.Ok, requestId: result.requestId}) as FireOutcome, failure)};
	} catch (error) {
		return {outcome: failure(error)};
	}
}
