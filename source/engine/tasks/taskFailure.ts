/** How integrations turn what went wrong into a StatesError and into failure event details. */
import {StatesError} from '../../asl/statesError.js';
import {LambdaServiceFailure} from './lambdaInvoker.js';

export function asStatesError(e: unknown): StatesError {
	if (e instanceof StatesError) return e;
	if (e instanceof LambdaServiceFailure) {
		return new StatesError(
			`Lambda.${e.code}`,
			`${e.message} (Service: AWSLambda; Status Code: ${e.statusCode}; Error Code: ${e.code}; Request ID: ${e.requestId}; Proxy: null)`,
		);
	}
	return new StatesError('Lambda.ServiceException', e instanceof Error ? e.message : String(e));
}

export function failureDetails(error: StatesError): Record<string, unknown> {
	const details: Record<string, unknown> = {error: error.error};
	if (error.cause !== undefined) details.cause = error.cause;
	return details;
}
