/** Choice: picks the next state from its rules (JSONPath Variable rules or JSONata Conditions). */
import type {ChoiceRule, ChoiceState} from '../../asl/definition.js';
import {selectChoice} from '../../asl/choice/index.js';
import {ErrorName, StatesError} from '../../asl/statesError.js';
import {
	applyInputPath,
	applyOutputPath,
	evaluateJsonataAssign,
	evaluateJsonataOutput,
	evaluateJsonPathAssign,
	evaluateTypedField,
	jsonataScope,
} from '../dataFlow.js';
import {jsonPathBindings, type StateContext, type StateOutcome} from '../stateContext.js';

export function runChoice(ctx: StateContext<ChoiceState>): StateOutcome | Promise<StateOutcome> {
	if (ctx.queryLanguage === 'JSONata') return runJsonataChoice(ctx);
	const {state} = ctx;
	const effective = applyInputPath(ctx, ctx.input, state.InputPath);
	const selected = selectChoice(state, jsonPathBindings(ctx, effective));
	if (!selected) throw noMatch();
	const assigned = evaluateJsonPathAssign(ctx, selected.rule ? selected.rule.Assign : state.Assign, effective);
	return {output: applyOutputPath(ctx, effective, state.OutputPath), next: selected.next, assigned};
}

async function runJsonataChoice(ctx: StateContext<ChoiceState>): Promise<StateOutcome> {
	const {state} = ctx;
	const scope = jsonataScope(ctx);
	let chosen: ChoiceRule | undefined;
	for (const rule of state.Choices) {
		if (await evaluateTypedField(rule.Condition, scope, 'Condition', 'boolean')) {
			chosen = rule;
			break;
		}
	}
	const next = chosen?.Next ?? state.Default;
	if (next === undefined) throw noMatch();
	const assigned = await evaluateJsonataAssign(ctx, chosen ? chosen.Assign : state.Assign, scope);
	const output = await evaluateJsonataOutput(chosen ? chosen.Output : state.Output, scope, ctx.input);
	return {output, next, assigned};
}

function noMatch(): StatesError {
	return new StatesError(ErrorName.NoChoiceMatched, 'No Matches!');
}
