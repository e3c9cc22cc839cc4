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
import type {ThreadCheckpoint, ThreadPosition} from './threadPosition.js';
import type {TokenWatcher} from './tokenWatcher.js';
import type {Engine} from './engine.js';
import type {MockConfig} from './tasks/mockConfig.js';

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
	/** Step Functions Local's test case: which mocked responses answer this execution's tasks. */
	testCase?: string;
}

export interface EngineServices {
	clock: Clock;
	tasks: TaskResources;
	/** Present when the engine has a database: activities and callbacks wait through it. */
	tokens?: TokenWatcher;
	engine: Engine;
	mocks?: MockConfig;
}

export class ExecutionRun {
	readonly abort = new AbortController();
	/** Transitions so far, across all threads (the interpreter yields to the event loop by it). */
	transitions = 0;
	/** Calls per state so far, for mocked responses (retries count). */
	readonly mockedCalls = new Map<string, number>();
	private readonly startTimeIso: string;

	constructor(
		readonly identity: ExecutionIdentity,
		readonly history: HistoryRecorder,
		readonly services: EngineServices,
		/** The execution's row id, when it is stored. */
		readonly executionId?: number,
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

	/** The machine's own thread; every other frame hangs below it. */
	readonly root: Frame = {run: this, variables: new VariableScope(), previousEventId: 0, signal: this.abort.signal};
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
	/** Where this thread stands (what a checkpoint stores). */
	position?: ThreadPosition;
	/** The threads of the Parallel or Map state this thread is in, while it runs. */
	children?: LiveChildren;
	/** A distributed map's iterations run as child executions: nothing of theirs enters this history. */
	muted?: boolean;
}

export type LiveChildren =
	| {kind: 'parallel'; startedEventId: number; branches: Array<{done: true; output: unknown} | {done: false; frame?: Frame}>}
	| {
			kind: 'map';
			startedEventId: number;
			results: Record<number, unknown>;
			failures: number;
			running: Map<number, Frame>;
			firstFailure?: {error: string; cause?: string};
	  };

/** Serialises a thread and everything below it. */
export function checkpointOf(frame: Frame): ThreadCheckpoint {
	const checkpoint: ThreadCheckpoint = {previousEventId: frame.previousEventId, variables: frame.variables.ownEntries()};
	if (frame.queryLanguage) checkpoint.queryLanguage = frame.queryLanguage;
	if (frame.mapItem) checkpoint.mapItem = frame.mapItem;
	if (frame.muted) checkpoint.muted = true;
	if (frame.position) {
		checkpoint.position = {...frame.position};
		const {children} = frame;
		if (children?.kind === 'parallel') {
			checkpoint.position.children = {
				kind: 'parallel',
				startedEventId: children.startedEventId,
				branches: children.branches.map(b => (b.done ? b : {done: false, thread: b.frame ? checkpointOf(b.frame) : undefined})),
			};
		} else if (children?.kind === 'map') {
			const running: Record<number, ThreadCheckpoint> = {};
			for (const [index, child] of children.running) running[index] = checkpointOf(child);
			checkpoint.position.children = {
				kind: 'map',
				startedEventId: children.startedEventId,
				results: {...children.results},
				failures: children.failures,
				running,
				firstFailure: children.firstFailure,
			};
		}
	}
	return checkpoint;
}

/** Rebuilds a frame from its checkpoint below `parent` (or as the root when there is none). */
export function restoreFrame(run: ExecutionRun, checkpoint: ThreadCheckpoint, parent: Frame | undefined, signal: AbortSignal): Frame {
	const variables = parent ? parent.variables.child() : run.root.variables;
	variables.assign(checkpoint.variables);
	const frame: Frame = parent
		? {
				run,
				variables,
				previousEventId: checkpoint.previousEventId,
				signal,
				queryLanguage: checkpoint.queryLanguage,
				mapItem: checkpoint.mapItem,
				muted: checkpoint.muted ?? parent.muted,
			}
		: run.root;
	frame.previousEventId = checkpoint.previousEventId;
	frame.queryLanguage = checkpoint.queryLanguage;
	return frame;
}

export function childFrame(parent: Frame, signal: AbortSignal, mapItem?: {index: number; value: unknown}): Frame {
	return {
		run: parent.run,
		variables: parent.variables.child(),
		queryLanguage: parent.queryLanguage,
		previousEventId: parent.previousEventId,
		signal,
		mapItem,
		muted: parent.muted,
	};
}
