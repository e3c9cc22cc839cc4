/** Fail: ends the execution (or its branch) with an error and cause. */
import type {FailState} from '../../asl/definition.js';
import {evaluateTemplate} from '../../asl/jsonata/index.js';
import {evaluateDynamicValue} from '../../asl/payloadTemplate.js';
import {StatesError} from '../../asl/statesError.js';
import {jsonataScope} from '../dataFlow.js';
import {jsonPathBindings, type StateContext, type StateOutcome} from '../stateContext.js';

export async function runFail(ctx: StateContext<FailState>): Promise<StateOutcome> {
	const {state} = ctx;
	let error: unknown = state.Error;
	let cause: unknown = state.Cause;
	if (ctx.queryLanguage === 'JSONata') {
		const scope = jsonataScope(ctx);
		error = await evaluateTemplate(error, scope, 'Error');
		cause = await evaluateTemplate(cause, scope, 'Cause');
	} else {
		const bindings = jsonPathBindings(ctx, ctx.input);
		if (state.ErrorPath !== undefined) error = evaluateDynamicValue(state.ErrorPath, 'ErrorPath', bindings);
		if (state.CausePath !== undefined) cause = evaluateDynamicValue(state.CausePath, 'CausePath', bindings);
	}
	throw new StatesError(asText(error) ?? '', asText(cause));
}

function asText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	return typeof value === 'string' ? value : JSON.stringify(value);
}
