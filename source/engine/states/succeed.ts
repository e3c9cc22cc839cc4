/** Succeed: ends its branch successfully with its (filtered) input. */
import type {SucceedState} from '../../asl/definition.js';
import {applyInputPath, applyOutputPath, evaluateJsonataOutput, jsonataScope} from '../dataFlow.js';
import type {StateContext, StateOutcome} from '../stateContext.js';

export async function runSucceed(ctx: StateContext<SucceedState>): Promise<StateOutcome> {
	if (ctx.queryLanguage === 'JSONata') {
		return {output: await evaluateJsonataOutput(ctx.state.Output, jsonataScope(ctx), ctx.input)};
	}
	const effective = applyInputPath(ctx, ctx.input, ctx.state.InputPath);
	return {output: applyOutputPath(ctx, effective, ctx.state.OutputPath)};
}
