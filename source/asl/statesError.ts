/**
 * One failure type for everything that goes wrong inside an execution: an `Error`
 * name as Step Functions spells it and a human `cause`. Every other thrown value is
 * folded into this shape by `toStatesError`, so Retry/Catch matching sees one type.
 */
export const ErrorName = {
	All: 'States.ALL',
	Runtime: 'States.Runtime',
	TaskFailed: 'States.TaskFailed',
	Timeout: 'States.Timeout',
	HeartbeatTimeout: 'States.HeartbeatTimeout',
	Permissions: 'States.Permissions',
	IntrinsicFailure: 'States.IntrinsicFailure',
	ParameterPathFailure: 'States.ParameterPathFailure',
	ResultPathMatchFailure: 'States.ResultPathMatchFailure',
	NoChoiceMatched: 'States.NoChoiceMatched',
	BranchFailed: 'States.BranchFailed',
	DataLimitExceeded: 'States.DataLimitExceeded',
	ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
	QueryEvaluationError: 'States.QueryEvaluationError',
	ItemReaderFailed: 'States.ItemReaderFailed',
	ResultWriterFailed: 'States.ResultWriterFailed',
} as const;
export type ErrorName = (typeof ErrorName)[keyof typeof ErrorName];

export class StatesError extends Error {
	/** The AWS error name, e.g. `States.Runtime` or a Lambda's `errorType`. */
	readonly error: string;
	/** AWS's `Cause` text (a string; JSON text for Lambda errors). */
	override readonly cause: string | undefined;
	/** What was thrown underneath, when this wraps a JavaScript error. */
	readonly origin: unknown;

	constructor(error: string, cause?: string, origin?: unknown) {
		super(cause ? `${error}: ${cause}` : error);
		this.name = 'StatesError';
		this.error = error;
		this.cause = cause;
		this.origin = origin;
	}
}

/** The single normaliser: anything thrown becomes a StatesError. */
export function toStatesError(thrown: unknown): StatesError {
	if (thrown instanceof StatesError) return thrown;
	if (thrown instanceof Error) return new StatesError(ErrorName.Runtime, thrown.message, thrown);
	return new StatesError(ErrorName.Runtime, String(thrown), thrown);
}

/**
 * AWS prefixes runtime failures with where they happened. Event ids are part of
 * the text, as on AWS.
 */
export function stateRuntimeError(
	error: string,
	stateName: string,
	enteredEventId: number,
	detail: string,
): StatesError {
	return new StatesError(
		error,
		`An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${detail}`,
	);
}

/**
 * A failure found while evaluating one field of a state (a path, an intrinsic, a
 * JSONata expression). Pure modules throw it with just the detail; the interpreter
 * knows the state and its entered event id and adds AWS's location prefix.
 */
export class EvaluationError extends StatesError {
	/** The field being evaluated (`Items`, `Output/result`), which AWS's EvaluationFailed event names. */
	location: string | undefined;

	constructor(error: string, detail: string, origin?: unknown, location?: string) {
		super(error, detail, origin);
		this.name = 'EvaluationError';
		this.location = location;
	}
}
