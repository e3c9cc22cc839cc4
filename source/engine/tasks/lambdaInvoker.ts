/**
 * The engine's view of Lambda: invoke a function by name or ARN and get Lambda's
 * Invoke response. The functions room implements it; tests may use a double.
 */
export interface LambdaInvokeResult {
	statusCode: number;
	/** `Unhandled` or `Handled` when the function failed. */
	functionError?: string;
	/** The raw response payload text. */
	payload: string;
	executedVersion: string;
	requestId?: string;
}

export interface LambdaInvoker {
	invoke(functionName: string, payload: string, options?: {qualifier?: string; invocationType?: string; clientContext?: string}): Promise<LambdaInvokeResult>;
}

/** Raised by an invoker when Lambda itself refuses (unknown function, throttling, ...). */
export class LambdaServiceFailure extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly statusCode: number,
		readonly requestId = '00000000-0000-0000-0000-000000000000',
	) {
		super(message);
		this.name = 'LambdaServiceFailure';
	}
}
