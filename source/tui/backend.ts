/**
 * The one surface the workbench talks to. Panes read through it, keys act through it,
 * and it says when anything changed; nothing in the UI knows whether the data comes
 * from the live engine and its SQLite file (`liveBackend`) or from memory (`memoryBackend`,
 * for tests and the bench).
 *
 * Reads are synchronous on purpose: both implementations answer from memory or from
 * better-sqlite3, which is synchronous, and a synchronous read lets a pane render the
 * newest data in the same frame a key moved its selection, with no loading states.
 * Actions are asynchronous: they run executions and functions.
 */
import type {StateMachineDefinition} from '../asl/definition.js';
import type {HistoryEvent} from '../engine/historyEvent.js';
import type {StateMachineType} from '../project/model.js';
import type {ExecutionStatus} from '../store/executions.js';

export type {HistoryEvent, ExecutionStatus};

export interface FunctionSummary {
	name: string;
	arn: string;
	runtime: string;
	handler: string;
	/** MB. */
	memorySize: number;
	/** Seconds. */
	timeout: number;
	/** Published version numbers, oldest first. */
	versions: string[];
	aliases: Array<{name: string; functionVersion: string}>;
}

export interface FunctionStats {
	functionName: string;
	invocations: number;
	errors: number;
	p50DurationMs: number;
	p95DurationMs: number;
	/** USD, compute plus requests. */
	cost: number;
	/** Epoch ms, null before the first invoke. */
	lastInvokedAt: number | null;
}

export interface Invocation {
	requestId: string;
	functionName: string;
	version: string;
	startTime: number;
	durationMs: number;
	billedDurationMs: number;
	initDurationMs: number | null;
	memorySizeMb: number;
	maxMemoryUsedMb: number;
	status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
	errorType: string | null;
	cost: number;
	/** START to REPORT, one entry per line. */
	logs: string[];
}

export interface InvokeResult {
	statusCode: number;
	/** `Unhandled` or `Handled` when the function failed. */
	functionError?: string;
	/** The response payload text. */
	payload: string;
	executedVersion: string;
	requestId?: string;
	/** The invocation's log lines, REPORT last, when the backend could read them. */
	logs: string[];
}

/** A saved test event a function can be invoked with (SAM's `events/*.json`). */
export interface SampleEvent {
	name: string;
	/** Where it came from, for the picker. */
	source: string;
	payload: string;
}

export interface MachineSummary {
	name: string;
	arn: string;
	type: StateMachineType;
	definition: StateMachineDefinition;
}

export interface ExecutionSummary {
	executionArn: string;
	name: string;
	stateMachineArn: string;
	machineName: string;
	status: ExecutionStatus;
	/** Epoch ms. */
	startDate: number;
	stopDate: number | null;
}

export interface ExecutionDetail extends ExecutionSummary {
	input: string | null;
	output: string | null;
	error: string | null;
	cause: string | null;
	/** The definition this execution ran (a machine may have changed since). */
	definition: StateMachineDefinition;
}

export interface ExecutionFilter {
	stateMachineArn?: string;
	status?: ExecutionStatus;
	limit?: number;
}

/** An activity task or a `.waitForTaskToken` callback waiting for an answer. */
export interface PendingTask {
	taskToken: string;
	kind: 'activity' | 'callback';
	activityArn: string | null;
	executionArn: string;
	stateName: string;
	/** JSON text the task was given. */
	input: string;
	/** Epoch ms. */
	createdAt: number;
	heartbeatDeadline: number | null;
	timeoutDeadline: number | null;
	/** An activity worker took it (GetActivityTask). */
	started: boolean;
}

export interface ScheduleFire {
	scheduleName: string;
	/** Epoch ms. */
	time: number;
	target: string;
	result: 'SUCCEEDED' | 'FAILED' | 'STARTED';
	/** An execution ARN, a request id or an error message. */
	detail?: string;
}

export interface ScheduleSummary {
	name: string;
	expression: string;
	timezone: string;
	enabled: boolean;
	target: string;
	/** `every 5 minutes`, or why the expression is invalid. */
	description: string;
	nextFire: number | null;
	lastFire: ScheduleFire | null;
}

export type Unsubscribe = () => void;

export interface WorkbenchBackend {
	functions(): FunctionSummary[];
	/** One entry per invoked function. */
	functionStats(): FunctionStats[];
	/** Newest first. */
	invocations(functionName: string, limit?: number): Invocation[];
	sampleEvents(functionName: string): SampleEvent[];
	stateMachines(): MachineSummary[];
	/** Newest first. */
	executions(filter?: ExecutionFilter): ExecutionSummary[];
	execution(executionArn: string): ExecutionDetail | undefined;
	history(executionArn: string): HistoryEvent[];
	/** Oldest first. */
	pendingTasks(): PendingTask[];
	schedules(): ScheduleSummary[];
	/** Newest first. */
	scheduleFires(limit: number): ScheduleFire[];

	startExecution(machineName: string, input: string): Promise<{executionArn: string}>;
	stopExecution(executionArn: string, error?: string, cause?: string): Promise<void>;
	/** SendTaskSuccess. */
	approve(taskToken: string, output: string): Promise<void>;
	/** SendTaskFailure. */
	reject(taskToken: string, error: string, cause: string): Promise<void>;
	invoke(functionName: string, payload: string): Promise<InvokeResult>;

	/** Called, coalesced, after anything changed; returns the unsubscribe. */
	subscribe(listener: () => void): Unsubscribe;
	/** Stops polling and releases what the backend holds (not the workspace). */
	close(): void;
}

/** A refusal the user should read as is (unknown token, not running, ...). */
export class BackendError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
		this.name = 'BackendError';
	}
}

/** `arn:aws:states:us-east-1:123:stateMachine:Orders` -> `Orders`. */
export function machineNameOf(stateMachineArn: string): string {
	const at = stateMachineArn.indexOf(':stateMachine:');
	return at < 0 ? stateMachineArn : stateMachineArn.slice(at + ':stateMachine:'.length);
}
