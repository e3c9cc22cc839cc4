/**
 * History events as GetExecutionHistory returns them: `{timestamp, type, id,
 * previousEventId, <type>EventDetails}`. The details key is derived from the type
 * the way AWS spells it (`TaskStateEntered` -> `stateEnteredEventDetails`).
 */
export const HistoryEventType = {
	ExecutionStarted: 'ExecutionStarted',
	ExecutionSucceeded: 'ExecutionSucceeded',
	ExecutionFailed: 'ExecutionFailed',
	ExecutionAborted: 'ExecutionAborted',
	ExecutionTimedOut: 'ExecutionTimedOut',
	TaskScheduled: 'TaskScheduled',
	TaskStarted: 'TaskStarted',
	TaskSubmitted: 'TaskSubmitted',
	TaskSucceeded: 'TaskSucceeded',
	TaskFailed: 'TaskFailed',
	TaskTimedOut: 'TaskTimedOut',
	LambdaFunctionScheduled: 'LambdaFunctionScheduled',
	LambdaFunctionStarted: 'LambdaFunctionStarted',
	LambdaFunctionSucceeded: 'LambdaFunctionSucceeded',
	LambdaFunctionFailed: 'LambdaFunctionFailed',
	LambdaFunctionTimedOut: 'LambdaFunctionTimedOut',
	LambdaFunctionScheduleFailed: 'LambdaFunctionScheduleFailed',
	ActivityScheduled: 'ActivityScheduled',
	ActivityStarted: 'ActivityStarted',
	ActivitySucceeded: 'ActivitySucceeded',
	ActivityFailed: 'ActivityFailed',
	ActivityTimedOut: 'ActivityTimedOut',
	ParallelStateStarted: 'ParallelStateStarted',
	ParallelStateSucceeded: 'ParallelStateSucceeded',
	ParallelStateFailed: 'ParallelStateFailed',
	ParallelStateAborted: 'ParallelStateAborted',
	MapStateStarted: 'MapStateStarted',
	MapStateSucceeded: 'MapStateSucceeded',
	MapStateFailed: 'MapStateFailed',
	MapStateAborted: 'MapStateAborted',
	MapIterationStarted: 'MapIterationStarted',
	MapIterationSucceeded: 'MapIterationSucceeded',
	MapIterationFailed: 'MapIterationFailed',
	MapIterationAborted: 'MapIterationAborted',
	EvaluationFailed: 'EvaluationFailed',
	MapRunStarted: 'MapRunStarted',
	MapRunSucceeded: 'MapRunSucceeded',
	MapRunFailed: 'MapRunFailed',
	WaitStateAborted: 'WaitStateAborted',
} as const;

/** `<StateType>StateEntered` / `<StateType>StateExited` join the constant types above. */
export type HistoryEventType =
	| (typeof HistoryEventType)[keyof typeof HistoryEventType]
	| `${string}StateEntered`
	| `${string}StateExited`;

export interface HistoryEvent {
	timestamp: number;
	type: HistoryEventType;
	id: number;
	previousEventId: number;
	details?: Record<string, unknown>;
}

const detailsKeyCache = new Map<string, string>();

/** AWS names a type's details after the type, with StateEntered/Exited shared across state types. */
export function detailsKey(type: string): string {
	let key = detailsKeyCache.get(type);
	if (!key) {
		if (type.endsWith('StateEntered')) key = 'stateEnteredEventDetails';
		else if (type.endsWith('StateExited')) key = 'stateExitedEventDetails';
		else key = type.charAt(0).toLowerCase() + type.slice(1) + 'EventDetails';
		detailsKeyCache.set(type, key);
	}
	return key;
}

/** The wire shape of one event (GetExecutionHistory). */
export function toAwsEvent(event: HistoryEvent): Record<string, unknown> {
	const out: Record<string, unknown> = {
		timestamp: new Date(event.timestamp).toISOString(),
		type: event.type,
		id: event.id,
		previousEventId: event.previousEventId,
	};
	if (event.details) out[detailsKey(event.type)] = event.details;
	return out;
}

/**
 * Payloads in events are JSON text, with a truncation flag, as on AWS. Keys are
 * literal: computed ones make V8 build every such object the slow way, and these
 * are built twice per transition.
 */
export function payloadDetails(field: 'input' | 'output', value: unknown): Record<string, unknown> {
	const text = payloadText(value);
	return field === 'input' ? {input: text, inputDetails: {truncated: false}} : {output: text, outputDetails: {truncated: false}};
}

/** `<Type>StateEntered` details. */
export function stateEnteredDetails(name: string, input: unknown): Record<string, unknown> {
	return {name, input: payloadText(input), inputDetails: {truncated: false}};
}

/** `<Type>StateExited` details, before any assigned variables. */
export function stateExitedDetails(name: string, output: unknown): Record<string, unknown> {
	return {name, output: payloadText(output), outputDetails: {truncated: false}};
}

function payloadText(value: unknown): string {
	return JSON.stringify(value) ?? 'null';
}
