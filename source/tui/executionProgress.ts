/**
 * What an execution's history says about each state: the graph's live statuses
 * (keyed by state path, see graph/statePath.ts) and every visit of every state with
 * its input, output, error and cause, for the step detail pane.
 *
 * History events name states but not the branch or iteration they ran in, so the
 * thread of each event is recovered from `previousEventId`, which the engine (as AWS)
 * chains per thread: a Map iteration's first event points at the MapStateStarted
 * (MapRunStarted when distributed), a Parallel branch's first event at the
 * ParallelStateStarted, and everything else at the previous event of its own thread,
 * except that a Map or Parallel closes (…StateSucceeded/Failed and its StateExited)
 * pointing at the last event of whichever branch or iteration finished last. Closing
 * events therefore climb from there to the open container (or state) they name.
 * Which branch a first event opens is told by the branch whose StartAt it names.
 */
import {itemProcessorOf, type State, type StateMachineDefinition} from '../asl/definition.js';
import type {HistoryEvent} from '../engine/historyEvent.js';
import {childScope, statePath} from './graph/statePath.js';
import {StatusKind, type IterationCounts, type NodeStatus, type Statuses} from './graph/types.js';

export const VisitOutcome = {
	Open: 'open',
	Succeeded: 'succeeded',
	/** Left through a Catcher after failing. */
	Caught: 'caught',
	Failed: 'failed',
	Cancelled: 'cancelled',
} as const;
export type VisitOutcome = (typeof VisitOutcome)[keyof typeof VisitOutcome];

/** One entry into one state, in one thread (the top level, a branch, an iteration). */
export interface StateVisit {
	path: string;
	name: string;
	stateType: string;
	/** The thread: `''` at the top, `/Map#3` in iteration 3 of Map, `/Par/1` in branch 1 of Par, nested likewise. */
	thread: string;
	enteredEventId: number;
	exitedEventId?: number;
	entered: number;
	exited?: number;
	/** JSON text, as the history carries it. */
	input?: string;
	output?: string;
	error?: string;
	cause?: string;
	/** Failures of this visit (a Retry makes several). */
	failures: number;
	/** The last task/branch outcome was a failure not yet followed by a success. */
	failing: boolean;
	/** Waiting for a worker or a callback. */
	waiting: boolean;
	/** Map iterations or Parallel branches. */
	iterations?: IterationCounts;
	outcome: VisitOutcome;
	/** Ids of this visit's events, in order. */
	eventIds: number[];
}

export const ExecutionEnd = {
	Running: 'RUNNING',
	Succeeded: 'SUCCEEDED',
	Failed: 'FAILED',
	Aborted: 'ABORTED',
	TimedOut: 'TIMED_OUT',
} as const;
export type ExecutionEnd = (typeof ExecutionEnd)[keyof typeof ExecutionEnd];

export interface ExecutionProgress {
	/** What the history says the execution is. */
	end: ExecutionEnd;
	statuses: Statuses;
	/** Every visit, by state path, in entry order. */
	visits: ReadonlyMap<string, StateVisit[]>;
	/** The state path each event belongs to (by event id); execution-level events have none. */
	eventPaths: ReadonlyMap<number, string>;
}

interface ThreadContext {
	scope: string;
	thread: string;
	/** The visit this thread is inside, if any. */
	visit?: StateVisit;
	/** The Map/Parallel visit that opened this thread. */
	owner?: StateVisit;
}

const root: ThreadContext = {scope: '', thread: ''};

const failureTypes = new Set([
	'TaskFailed',
	'TaskTimedOut',
	'TaskStartFailed',
	'TaskSubmitFailed',
	'LambdaFunctionFailed',
	'LambdaFunctionTimedOut',
	'LambdaFunctionScheduleFailed',
	'LambdaFunctionStartFailed',
	'ActivityFailed',
	'ActivityTimedOut',
	'ActivityScheduleFailed',
	'MapStateFailed',
	'ParallelStateFailed',
]);
const successTypes = new Set(['TaskSucceeded', 'LambdaFunctionSucceeded', 'ActivitySucceeded', 'MapStateSucceeded', 'ParallelStateSucceeded']);
const waitingTypes = new Set(['ActivityScheduled']);
const resumingTypes = new Set(['ActivityStarted', 'ActivitySucceeded', 'ActivityFailed', 'ActivityTimedOut', 'TaskSucceeded', 'TaskFailed', 'TaskTimedOut']);

/** Lower wins when several threads visit one state (Map iterations). */
const priority: Record<string, number> = {
	[StatusKind.Failed]: 0,
	[StatusKind.Waiting]: 1,
	[StatusKind.Retrying]: 2,
	[StatusKind.Iterations]: 3,
	[StatusKind.InProgress]: 4,
	[StatusKind.Caught]: 5,
	[StatusKind.Cancelled]: 6,
	[StatusKind.Succeeded]: 7,
	[StatusKind.NotRun]: 8,
};

export function executionProgress(
	definition: StateMachineDefinition,
	events: readonly HistoryEvent[],
	options: {
		/** State names with an open task token (an approval, a callback, an activity). */
		waitingStates?: ReadonlySet<string>;
	} = {},
): ExecutionProgress {
	const states = definitionStates(definition);
	const contexts = new Map<number, ThreadContext>();
	const byId = new Map<number, HistoryEvent>();
	const visits = new Map<string, StateVisit[]>();
	const eventPaths = new Map<number, string>();
	/** Branches already opened, per ParallelStateStarted event; iterations seen, per distributed MapRunStarted. */
	const claimed = new Map<number, Set<number>>();
	/** The thread each visit runs in: where a closing Map or Parallel returns to. */
	const homes = new Map<StateVisit, ThreadContext>();
	let end: ExecutionEnd = ExecutionEnd.Running;

	for (const event of events) {
		byId.set(event.id, event);
		const type = event.type as string;
		const details = event.details ?? {};
		const parentEvent = byId.get(event.previousEventId);
		const parent = contexts.get(event.previousEventId) ?? root;
		let context: ThreadContext = parent;
		const entered = type.endsWith('StateEntered');

		if (parentEvent && parent.visit) {
			const opener = parentEvent.type as string;
			if ((opener === 'MapStateStarted' || opener === 'MapRunStarted') && (type === 'MapIterationStarted' || entered)) {
				const index = type === 'MapIterationStarted' ? Number(details.index) : nextClaim(claimed, parentEvent.id);
				context = {scope: childScope(parent.visit.path), thread: `${parent.thread}/${parent.visit.path}#${index}`, owner: parent.visit};
			} else if (opener === 'ParallelStateStarted' && entered) {
				const branches = (states.get(parent.visit.path) as {Branches?: StateMachineDefinition[]} | undefined)?.Branches ?? [];
				const taken = claimed.get(parentEvent.id) ?? new Set<number>();
				claimed.set(parentEvent.id, taken);
				let branch = branches.findIndex((b, i) => !taken.has(i) && b.StartAt === details.name);
				if (branch < 0) branch = nextClaim(claimed, parentEvent.id);
				taken.add(branch);
				context = {scope: childScope(parent.visit.path, branch), thread: `${parent.thread}/${parent.visit.path}/${branch}`, owner: parent.visit};
			}
		}

		// A closing event may point into the branch or iteration that finished last: climb out to what it closes.
		const container = closingContainer(type);
		if (container) context = climb(context, homes, c => c.visit?.stateType === container && c.visit.outcome === VisitOutcome.Open);
		else if (type.endsWith('StateExited')) {
			context = climb(context, homes, c => c.visit !== undefined && c.visit.name === details.name && c.visit.outcome === VisitOutcome.Open);
		}

		if (entered) {
			const name = String(details.name ?? '');
			const path = statePath(context.scope, name);
			const visit: StateVisit = {
				path,
				name,
				stateType: type.slice(0, -'StateEntered'.length),
				thread: context.thread,
				enteredEventId: event.id,
				entered: event.timestamp,
				input: typeof details.input === 'string' ? details.input : undefined,
				failures: 0,
				failing: false,
				waiting: false,
				outcome: VisitOutcome.Open,
				eventIds: [],
			};
			let list = visits.get(path);
			if (!list) visits.set(path, (list = []));
			list.push(visit);
			homes.set(visit, {scope: context.scope, thread: context.thread, owner: context.owner});
			context = {...context, visit};
		}

		const visit = context.visit;
		if (endsThread(type)) {
			// A thread ending inside a state: that state is where it failed or was cut short.
			if (visit && visit.outcome === VisitOutcome.Open) {
				const failed = type === 'MapIterationFailed' || type === 'ExecutionFailed';
				visit.outcome = failed ? VisitOutcome.Failed : VisitOutcome.Cancelled;
				visit.waiting = false;
				if (type === 'ExecutionFailed') {
					if (typeof details.error === 'string') visit.error = details.error;
					if (typeof details.cause === 'string') visit.cause = details.cause;
				}
			}
			if (type.startsWith('MapIteration') && context.owner?.iterations) {
				context.owner.iterations.done++;
				if (type === 'MapIterationFailed') context.owner.iterations.failed++;
			}
		} else if (visit) {
			visit.eventIds.push(event.id);
			eventPaths.set(event.id, visit.path);
			if (type.endsWith('StateExited') && visit.name === details.name) {
				visit.exitedEventId = event.id;
				visit.exited = event.timestamp;
				if (typeof details.output === 'string') visit.output = details.output;
				visit.outcome = visit.failing ? VisitOutcome.Caught : VisitOutcome.Succeeded;
				visit.waiting = false;
				if (context.owner?.stateType === 'Parallel' && context.owner.iterations && isTerminal(states.get(visit.path))) {
					context.owner.iterations.done++;
				}
				context = {...context, visit: undefined};
			} else if (failureTypes.has(type)) {
				visit.failures++;
				visit.failing = true;
				visit.waiting = false;
				if (typeof details.error === 'string') visit.error = details.error;
				if (typeof details.cause === 'string') visit.cause = details.cause;
			} else if (successTypes.has(type)) {
				visit.failing = false;
				visit.waiting = false;
			} else if (waitingTypes.has(type) || (type === 'TaskSubmitted' && String(details.resource ?? '').endsWith('.waitForTaskToken'))) {
				// An activity nobody took yet, or a callback whose token is out: waiting for someone.
				visit.waiting = true;
			} else if (resumingTypes.has(type)) {
				visit.waiting = false;
			}
			if (type === 'MapStateStarted') visit.iterations = {done: 0, total: Number(details.length ?? 0), failed: 0};
			if (type === 'ParallelStateStarted') {
				const branches = (states.get(visit.path) as {Branches?: unknown[]} | undefined)?.Branches ?? [];
				visit.iterations = {done: 0, total: branches.length, failed: 0};
			}
			if (type === 'MapStateSucceeded' && visit.iterations) visit.iterations.done = visit.iterations.total;
			if (type === 'ParallelStateFailed' && visit.iterations && visit.iterations.failed === 0) visit.iterations.failed = 1;
			if (type === 'FailStateEntered') {
				visit.failing = true;
				const state = states.get(visit.path);
				if (state?.Type === 'Fail') {
					visit.error = state.Error;
					visit.cause = state.Cause;
				}
				if (context.owner?.stateType === 'Parallel' && context.owner.iterations) context.owner.iterations.failed++;
			}
		}
		if (type === 'MapIterationSucceeded' && context.owner?.iterations) context.owner.iterations.done++;
		// Iteration events belong to their Map, where the console lists them too.
		if (!eventPaths.has(event.id) && type.startsWith('MapIteration') && context.owner) {
			eventPaths.set(event.id, context.owner.path);
			context.owner.eventIds.push(event.id);
		}
		if (type === 'ExecutionSucceeded') end = ExecutionEnd.Succeeded;
		else if (type === 'ExecutionFailed') end = ExecutionEnd.Failed;
		else if (type === 'ExecutionAborted') end = ExecutionEnd.Aborted;
		else if (type === 'ExecutionTimedOut') end = ExecutionEnd.TimedOut;
		contexts.set(event.id, context);
	}

	const waitingStates = options.waitingStates ?? new Set<string>();
	const statuses: Record<string, NodeStatus> = {};
	for (const [path, list] of visits) {
		// The latest visit of each thread speaks for it; threads are then ranked.
		const latest = new Map<string, StateVisit>();
		for (const visit of list) latest.set(visit.thread, visit);
		let best: NodeStatus | undefined;
		for (const visit of latest.values()) {
			if (visit.outcome === VisitOutcome.Open) settleOpenVisit(visit, end);
			const status = visitStatus(visit, end, waitingStates, states.get(path));
			if (!best || priority[status.kind] < priority[best.kind]) best = status;
		}
		if (best) statuses[path] = best;
	}
	return {end, statuses, visits, eventPaths};
}

/** A visit still open when the execution ended was failed or cut short. */
function settleOpenVisit(visit: StateVisit, end: ExecutionEnd): void {
	if (end === ExecutionEnd.Running) return;
	if (visit.failing) visit.outcome = VisitOutcome.Failed;
	else if (end === ExecutionEnd.Failed && visit.stateType === 'Fail') visit.outcome = VisitOutcome.Failed;
	else visit.outcome = VisitOutcome.Cancelled;
}

function visitStatus(visit: StateVisit, end: ExecutionEnd, waitingStates: ReadonlySet<string>, state: State | undefined): NodeStatus {
	const iterations = visit.iterations ? {...visit.iterations} : undefined;
	switch (visit.outcome) {
		case VisitOutcome.Succeeded:
			return iterations ? {kind: StatusKind.Succeeded, iterations} : {kind: StatusKind.Succeeded};
		case VisitOutcome.Caught:
			return iterations ? {kind: StatusKind.Caught, iterations} : {kind: StatusKind.Caught};
		case VisitOutcome.Failed:
			return iterations ? {kind: StatusKind.Failed, iterations} : {kind: StatusKind.Failed};
		case VisitOutcome.Cancelled:
			return {kind: StatusKind.Cancelled};
	}
	if (end !== ExecutionEnd.Running) return {kind: StatusKind.Cancelled};
	if (visit.stateType === 'Fail') return {kind: StatusKind.Failed};
	if (visit.waiting || waitingStates.has(visit.name)) return {kind: StatusKind.Waiting};
	if (visit.failing && visit.failures > 0 && visit.stateType !== 'Map' && visit.stateType !== 'Parallel') {
		return {kind: StatusKind.Retrying, attempt: visit.failures, maxAttempts: maxRetryAttempts(state)};
	}
	if (iterations) return {kind: StatusKind.Iterations, ...iterations};
	return {kind: StatusKind.InProgress};
}

/** `Parallel` or `Map` for the events that close one, else undefined. */
function closingContainer(type: string): 'Parallel' | 'Map' | undefined {
	if (type === 'ParallelStateSucceeded' || type === 'ParallelStateFailed' || type === 'ParallelStateAborted') return 'Parallel';
	if (/^Map(State|Run)(Succeeded|Failed|Aborted)$/.test(type)) return 'Map';
	return undefined;
}

/** Out of branches and iterations, owner by owner, until `found` holds (or the top is reached). */
function climb(context: ThreadContext, homes: ReadonlyMap<StateVisit, ThreadContext>, found: (c: ThreadContext) => boolean): ThreadContext {
	let current = context;
	while (!found(current) && current.owner) {
		const owner = current.owner;
		current = {...homes.get(owner)!, visit: owner};
	}
	return found(current) ? current : context;
}

function endsThread(type: string): boolean {
	return (
		type === 'MapIterationFailed' ||
		type === 'MapIterationAborted' ||
		type === 'ExecutionFailed' ||
		type === 'ExecutionAborted' ||
		type === 'ExecutionTimedOut'
	);
}

function maxRetryAttempts(state: State | undefined): number {
	const retriers = state && 'Retry' in state && Array.isArray(state.Retry) ? state.Retry : [];
	return retriers.reduce((max, r) => Math.max(max, r.MaxAttempts ?? 3), 0);
}

function isTerminal(state: State | undefined): boolean {
	if (!state) return false;
	return state.Type === 'Succeed' || ('End' in state && state.End === true);
}

function nextClaim(claimed: Map<number, Set<number>>, eventId: number): number {
	const taken = claimed.get(eventId) ?? new Set<number>();
	claimed.set(eventId, taken);
	let index = 0;
	while (taken.has(index)) index++;
	taken.add(index);
	return index;
}

/** Every state of the definition by path, nested ones included. */
export function definitionStates(definition: StateMachineDefinition, scope = '', into = new Map<string, State>()): Map<string, State> {
	for (const [name, state] of Object.entries(definition.States ?? {})) {
		const path = statePath(scope, name);
		into.set(path, state);
		if (state.Type === 'Parallel') state.Branches?.forEach((branch, i) => definitionStates(branch, childScope(path, i), into));
		else if (state.Type === 'Map') {
			const processor = itemProcessorOf(state);
			if (processor) definitionStates(processor, childScope(path), into);
		}
	}
	return into;
}
