/**
 * The engine's Lambda port, served by the functions room: Task states reach the
 * project's functions (by name or any form of ARN) through FunctionService, and
 * Lambda's own refusals come back as LambdaServiceFailure for the engine to name.
 */
import type {LambdaInvoker} from '../engine/tasks/lambdaInvoker.js';
import {LambdaServiceFailure} from '../engine/tasks/lambdaInvoker.js';
import {LambdaServiceError, type FunctionService} from '../functions/index.js';

export function lambdaInvokerFor(service: FunctionService): LambdaInvoker {
	return {
		async invoke(functionName, payload, options) {
			try {
				const result = await service.invoke({
					functionName,
					payload,
					qualifier: options?.qualifier,
					invocationType: options?.invocationType as 'RequestResponse' | 'Event' | 'DryRun' | undefined,
					clientContext: options?.clientContext,
				});
				return {
					statusCode: result.statusCode,
					functionError: result.functionError,
					payload: result.payload.toString('utf8'),
					executedVersion: result.executedVersion,
					requestId: result.requestId,
				};
			} catch (e) {
				if (e instanceof LambdaServiceError) throw new LambdaServiceFailure(e.code, e.message, e.statusCode);
				throw e;
			}
		},
	};
}
