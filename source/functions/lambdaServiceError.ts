/**
 * The errors Lambda's Invoke API itself returns (as opposed to a function's error,
 * which is a 200 with FunctionError). `code` is AWS's exception name; the engine
 * surfaces it to Step Functions as `Lambda.<code>`.
 */
export const LambdaErrorCode = {
	ResourceNotFound: 'ResourceNotFoundException',
	TooManyRequests: 'TooManyRequestsException',
	RequestEntityTooLarge: 'RequestEntityTooLargeException',
	InvalidRequestContent: 'InvalidRequestContentException',
	InvalidParameterValue: 'InvalidParameterValueException',
	ResourceConflict: 'ResourceConflictException',
	InvalidRuntime: 'InvalidRuntimeException',
	Service: 'ServiceException',
} as const;
export type LambdaErrorCode = (typeof LambdaErrorCode)[keyof typeof LambdaErrorCode];

export const ThrottleReason = {
	Account: 'ConcurrentInvocationLimitExceeded',
	Reserved: 'ReservedFunctionConcurrentInvocationLimitExceeded',
} as const;
export type ThrottleReason = (typeof ThrottleReason)[keyof typeof ThrottleReason];

const statusCodes: Record<LambdaErrorCode, number> = {
	ResourceNotFoundException: 404,
	TooManyRequestsException: 429,
	RequestEntityTooLargeException: 413,
	InvalidRequestContentException: 400,
	InvalidParameterValueException: 400,
	ResourceConflictException: 409,
	InvalidRuntimeException: 502,
	ServiceException: 500,
};

export class LambdaServiceError extends Error {
	readonly code: LambdaErrorCode;
	readonly statusCode: number;
	readonly reason?: string;

	constructor(code: LambdaErrorCode, message: string, reason?: string) {
		super(message);
		this.name = 'LambdaServiceError';
		this.code = code;
		this.statusCode = statusCodes[code];
		this.reason = reason;
	}
}

export function functionNotFound(arn: string): LambdaServiceError {
	return new LambdaServiceError(LambdaErrorCode.ResourceNotFound, `Function not found: ${arn}`);
}

export function throttled(reason: ThrottleReason): LambdaServiceError {
	return new LambdaServiceError(LambdaErrorCode.TooManyRequests, 'Rate Exceeded.', reason);
}

export function invalidParameter(message: string): LambdaServiceError {
	return new LambdaServiceError(LambdaErrorCode.InvalidParameterValue, message);
}
