/**
 * Where a thread (the machine, a branch, a Map iteration) stands, kept as plain
 * data so an execution can be checkpointed with each history batch and resumed
 * after a crash from its last persisted transition.
 */
import type {QueryLanguage} from '../asl/definition.js';

export interface ThreadPosition {
	/** The state the thread is in, or about to enter. */
	state: string;
	/** That state's raw input. */
	input: unknown;
	/** Whether StateEntered is already in the history. */
	entered: boolean;
	enteredEventId?: number;
	enteredTime?: number;
	retryCount?: number;
	attemptsPerRetrier?: number[];
	/** A Wait, or a retry back-off, sleeping until this instant (epoch ms). */
	sleepUntil?: number;
	/** The pending task token of a callback or activity task. */
	taskToken?: string;
	/** A nested execution this state started and waits for. */
	childExecutionArn?: string;
	children?: ChildrenPosition;
}

export type ChildrenPosition =
	| {kind: 'parallel'; startedEventId: number; branches: Array<{done: true; output: unknown} | {done: false; thread?: ThreadCheckpoint}>}
	| {
			kind: 'map';
			startedEventId: number;
			results: Record<number, unknown>;
			failures: number;
			running: Record<number, ThreadCheckpoint>;
			firstFailure?: {error: string; cause?: string};
	  };

/** A thread as the checkpoint stores it: its position plus what its frame carries. */
export interface ThreadCheckpoint {
	position?: ThreadPosition;
	previousEventId: number;
	/** The thread's own variables (outer scopes are stored by their own threads). */
	variables: Record<string, unknown>;
	queryLanguage?: QueryLanguage;
	mapItem?: {index: number; value: unknown};
	muted?: boolean;
}

export interface ExecutionCheckpoint {
	version: 1;
	root: ThreadCheckpoint;
}
