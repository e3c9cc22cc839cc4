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

const enteredTypes = new Map<string, HistoryEventType>();
const exitedTypes = new Map<string, HistoryEventType>();

/**
 * `PassStateEntered` for a Pass state. Built once per state type: a fresh string per
 * event cost an allocation and a hash at every lookup of the type downstream.
 */
export function stateEnteredType(stateType: string): HistoryEventType {
	let type = enteredTypes.get(stateType);
	if (type === undefined) enteredTypes.set(stateType, (type = `${stateType}StateEntered`));
	return type;
}

/** `PassStateExited` for a Pass state, built once per state type. */
export function stateExitedType(stateType: string): HistoryEventType {
	let type = exitedTypes.get(stateType);
	if (type === undefined) exitedTypes.set(stateType, (type = `${stateType}StateExited`));
	return type;
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
 * are built twice per transition. The flag is one shared object, so a history
 * page serialises it once.
 */
const NOT_TRUNCATED: Readonly<{truncated: false}> = Object.freeze({truncated: false});

export function payloadDetails(field: 'input' | 'output', value: unknown): Record<string, unknown> {
	const text = payloadText(value);
	return field === 'input' ? {input: text, inputDetails: NOT_TRUNCATED} : {output: text, outputDetails: NOT_TRUNCATED};
}

/** `<Type>StateEntered` details. */
export function stateEnteredDetails(name: string, input: unknown): Record<string, unknown> {
	return {name, input: payloadText(input), inputDetails: NOT_TRUNCATED};
}

/** `<Type>StateExited` details, before any assigned variables. */
export function stateExitedDetails(name: string, output: unknown): Record<string, unknown> {
	return {name, output: payloadText(output), outputDetails: NOT_TRUNCATED};
}

let lastPayload: object | undefined;
let lastPayloadText = '';

/**
 * A state's output is the next state's input, and a Pass state's output is often
 * its input: the same object, serialised again and again. The interpreter never
 * mutates a payload (writes copy on write), so the text of the last object stays
 * valid for as long as that object lives.
 */
function payloadText(value: unknown): string {
	if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
	if (value === lastPayload) return lastPayloadText;
	const text = JSON.stringify(value) ?? 'null';
	lastPayload = value;
	lastPayloadText = text;
	return text;
}
