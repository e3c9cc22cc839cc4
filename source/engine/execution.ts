/**
 * One running execution: who it is, its clock, its history, the services its Task
 * states reach, and the signal that stops it. A Frame is one thread of it: the
 * top-level machine, a Parallel branch or a Map iteration, each with its own
 * variable scope and its own chain of previousEventIds.
 */
import type {QueryLanguage} from '../asl/definition.js';
import {VariableScope} from '../asl/variables.js';
import type {Clock} from './clock.js';
import type {HistoryRecorder} from './historyRecorder.js';
import type {TaskResources} from './tasks/taskResources.js';

export interface ExecutionIdentity {
	arn: string;
	name: string;
	stateMachineArn: string;
	stateMachineName: string;
	type: 'STANDARD' | 'EXPRESS';
	roleArn: string;
	startTime: number;
	input: unknown;
	region: string;
	accountId: string;
}

export interface EngineServices {
	clock: Clock;
	tasks: TaskResources;
}

export class ExecutionRun {
	readonly abort = new AbortController();
	private readonly startTimeIso: string;

	constructor(
		readonly identity: ExecutionIdentity,
		readonly history: HistoryRecorder,
		readonly services: EngineServices,
	) {
		this.startTimeIso = new Date(identity.startTime).toISOString();
	}

	get clock(): Clock {
		return this.services.clock;
	}

	/** The context object (`$$`) as a state sees it. */
	contextObject(frame: Frame, stateName: string, enteredTime: number, retryCount?: number, taskToken?: string): Record<string, unknown> {
		const {identity} = this;
		const state: Record<string, unknown> = {Name: stateName, EnteredTime: new Date(enteredTime).toISOString()};
		if (retryCount !== undefined) state.RetryCount = retryCount;
		const context: Record<string, unknown> = {
			Execution: {
				Id: identity.arn,
				Input: identity.input,
				StartTime: this.startTimeIso,
				Name: identity.name,
				RoleArn: identity.roleArn,
				RedriveCount: 0,
			},
			StateMachine: {Id: identity.stateMachineArn, Name: identity.stateMachineName},
			State: state,
		};
		if (taskToken !== undefined) context.Task = {Token: taskToken};
		if (frame.mapItem) context.Map = {Item: {Index: frame.mapItem.index, Value: frame.mapItem.value}};
		return context;
	}

	rootFrame(): Frame {
		return {run: this, variables: new VariableScope(), previousEventId: 0, signal: this.abort.signal};
	}
}

export interface Frame {
	run: ExecutionRun;
	variables: VariableScope;
	queryLanguage?: QueryLanguage;
	/** The last event this thread recorded: the next event's previousEventId. */
	previousEventId: number;
	signal: AbortSignal;
	/** Inside a Map iteration: `$$.Map.Item`. */
	mapItem?: {index: number; value: unknown};
}

export function childFrame(parent: Frame, signal: AbortSignal, mapItem?: {index: number; value: unknown}): Frame {
	return {
		run: parent.run,
		variables: parent.variables.child(),
		queryLanguage: parent.queryLanguage,
		previousEventId: parent.previousEventId,
		signal,
		mapItem,
	};
}
