/**
 * Choice rules in JSONPath mode: a `Variable` path with one comparison operator,
 * or `And`/`Or`/`Not` over nested rules, evaluated against a state's effective
 * input, the context object and workflow variables.
 *
 * What AWS does at the edges, and so what this does:
 * - A value of the wrong type never errors: the comparison is simply false.
 * - A `Variable` that resolves to nothing is a States.Runtime failure for every
 *   operator except IsPresent (for which it is the `false` case). So is a
 *   `...Path` operand that resolves to nothing. Guarding with
 *   `And: [{IsPresent: true}, ...]` works because And and Or stop at the first
 *   rule that decides them, as on AWS.
 * - Rules are tried in order and the first match wins; with none, Default; with
 *   no Default the caller raises States.NoChoiceMatched.
 *
 * JSONata rules (`Condition`) are not evaluated here; `selectChoice` accepts the
 * evaluator to use, so a JSONata Choice shares the selection logic.
 */
import type {ChoiceRule, ChoiceState} from '../definition.js';
import {lookupPath} from '../jsonPath.js';
import {ErrorName, EvaluationError} from '../statesError.js';
import type {Bindings} from '../variables.js';
import {comparisonOperator, compareValues, passesTypeTest, stringMatches, TypeTest} from './comparisonOperator.js';
import type {ComparisonOperator} from './comparisonOperator.js';

export {comparisonOperatorNames, comparisonOperator} from './comparisonOperator.js';
export type {ComparisonOperator} from './comparisonOperator.js';
export {parseTimestamp, isTimestamp, compareInstants} from '../timestamp.js';
export type {Instant} from '../timestamp.js';
export {matchesWildcard} from './stringPattern.js';

export type ChoiceRuleEvaluator = (rule: ChoiceRule, bindings: Bindings) => boolean;

export interface ChoiceSelection {
	next: string;
	/** The matched top-level rule (its Assign/Output apply); absent when Default was taken. */
	rule?: ChoiceRule;
}

/** Fields of a rule that are not its comparison operator. */
const RULE_FIELDS = new Set(['Variable', 'Next', 'Comment', 'Assign', 'Output', 'And', 'Or', 'Not', 'Condition']);

/** AWS's wording when a Choice path selects nothing; the interpreter prefixes the state's location. */
export function invalidConditionPath(path: string): EvaluationError {
	return new EvaluationError(
		ErrorName.Runtime,
		`Invalid path '${path}': The choice state's condition path references an invalid value.`,
	);
}

export function selectChoice(
	state: ChoiceState,
	bindings: Bindings,
	evaluate: ChoiceRuleEvaluator = evaluateChoiceRule,
): ChoiceSelection | undefined {
	for (const rule of state.Choices) {
		if (evaluate(rule, bindings)) return {next: rule.Next!, rule};
	}
	return state.Default === undefined ? undefined : {next: state.Default};
}

export function evaluateChoiceRule(rule: ChoiceRule, bindings: Bindings): boolean {
	if (rule.And) return rule.And.every(inner => evaluateChoiceRule(inner, bindings));
	if (rule.Or) return rule.Or.some(inner => evaluateChoiceRule(inner, bindings));
	if (rule.Not) return !evaluateChoiceRule(rule.Not, bindings);
	const [operator, operand] = operatorOf(rule);
	return evaluateComparison(rule.Variable!, operator, operand, bindings);
}

function operatorOf(rule: ChoiceRule): [ComparisonOperator, unknown] {
	for (const [key, value] of Object.entries(rule)) {
		if (RULE_FIELDS.has(key)) continue;
		const operator = comparisonOperator(key);
		if (operator) return [operator, value];
	}
	// A validated definition never gets here; say plainly what is wrong if one does.
	throw new EvaluationError(
		ErrorName.Runtime,
		rule.Condition !== undefined
			? 'A Condition choice rule needs the JSONata query language.'
			: `The choice rule on '${String(rule.Variable)}' has no comparison operator.`,
	);
}

function evaluateComparison(variable: string, operator: ComparisonOperator, operand: unknown, bindings: Bindings): boolean {
	const lookup = lookupPath(variable, bindings);
	if (operator.kind === 'typeTest' && operator.name === TypeTest.IsPresent) {
		return lookup.found === (operand === true);
	}
	if (!lookup.found) throw invalidConditionPath(variable);
	const value = lookup.value;
	switch (operator.kind) {
		case 'typeTest':
			return passesTypeTest(operator.name, value) === (operand === true);
		case 'matches':
			return stringMatches(value, operand);
		case 'relation': {
			let other = operand;
			if (operator.operandIsPath) {
				const path = String(operand);
				const found = lookupPath(path, bindings);
				if (!found.found) throw invalidConditionPath(path);
				other = found.value;
			}
			return compareValues(operator.family, operator.relation, value, other);
		}
	}
}
