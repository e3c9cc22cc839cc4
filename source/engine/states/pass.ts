/** Pass: passes its input on, optionally shaped by Result/Parameters (JSONPath) or Output (JSONata). */
import type {PassState} from '../../asl/definition.js';
import {
	applyInputPath,
	applyOutputPath,
	applyResultPath,
	applyTemplate,
	evaluateJsonataAssign,
	evaluateJsonataOutput,
	evaluateJsonPathAssign,
	jsonataScope,
} from '../dataFlow.js';
import type {StateContext, StateOutcome} from '../stateContext.js';

export function runPass(ctx: StateContext<PassState>): StateOutcome | Promise<StateOutcome> {
	if (ctx.queryLanguage === 'JSONata') return runJsonataPass(ctx);
	const {state} = ctx;
	const effective = applyInputPath(ctx, ctx.input, state.InputPath);
	const result = state.Result !== undefined ? state.Result : applyTemplate(ctx, state.Parameters, effective);
	const assigned = evaluateJsonPathAssign(ctx, state.Assign, result);
	const output = applyOutputPath(ctx, applyResultPath(ctx.input, state.ResultPath, result), state.OutputPath);
	return {output, next: state.Next, assigned};
}

async function runJsonataPass(ctx: StateContext<PassState>): Promise<StateOutcome> {
	const {state} = ctx;
	const scope = jsonataScope(ctx);
	const assigned = await evaluateJsonataAssign(ctx, state.Assign, scope);
	const output = await evaluateJsonataOutput(state.Output, scope, ctx.input);
	return {output, next: state.Next, assigned};
}
