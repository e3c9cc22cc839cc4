/**
 * A caught error becomes the state's output: `{Error, Cause}` placed by the
 * catcher's ResultPath on the raw input (JSONPath), or shaped by its Output with
 * `$states.errorOutput` (JSONata).
 */
import type {Catcher} from '../asl/definition.js';
import type {StatesError} from '../asl/statesError.js';
import {applyResultPath, evaluateJsonataAssign, evaluateJsonataOutput, evaluateJsonPathAssign, jsonataScope} from './dataFlow.js';
import type {StateContext, StateOutcome} from './stateContext.js';

export function errorOutput(error: StatesError): Record<string, unknown> {
	const out: Record<string, unknown> = {Error: error.error};
	if (error.cause !== undefined) out.Cause = error.cause;
	return out;
}

export async function applyCatch(ctx: StateContext, catcher: Catcher, error: StatesError): Promise<StateOutcome> {
	const errorValue = errorOutput(error);
	if (ctx.queryLanguage === 'JSONata') {
		const scope = jsonataScope(ctx, {errorOutput: errorValue});
		const assigned = await evaluateJsonataAssign(ctx, catcher.Assign, scope);
		const output = await evaluateJsonataOutput(catcher.Output, scope, errorValue);
		return {output, next: catcher.Next, assigned};
	}
	const assigned = evaluateJsonPathAssign(ctx, catcher.Assign, errorValue);
	const output = applyResultPath(ctx.input, catcher.ResultPath, errorValue);
	return {output, next: catcher.Next, assigned};
}
