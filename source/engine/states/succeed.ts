/** Succeed: ends its branch successfully with its (filtered) input. */
import type {SucceedState} from '../../asl/definition.js';
import {applyInputPath, applyOutputPath, evaluateJsonataOutput, jsonataScope} from '../dataFlow.js';
import type {StateContext, StateOutcome} from '../stateContext.js';

export function runSucceed(ctx: StateContext<SucceedState>): StateOutcome | Promise<StateOutcome> {
	if (ctx.queryLanguage === 'JSONata') return runJsonataSucceed(ctx);
	const effective = applyInputPath(ctx, ctx.input, ctx.state.InputPath);
	return {output: applyOutputPath(ctx, effective, ctx.state.OutputPath)};
}

async function runJsonataSucceed(ctx: StateContext<SucceedState>): Promise<StateOutcome> {
	return {output: await evaluateJsonataOutput(ctx.state.Output, jsonataScope(ctx), ctx.input)};
}
