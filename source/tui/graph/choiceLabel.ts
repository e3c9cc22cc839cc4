/**
 * Short, readable renderings of Choice rules for edge labels: `$.region == "EU"`,
 * `$.count >= $.limit`, `$.a is present and not ($.b == 1)`, and the bare condition
 * of a JSONata rule (`$states.input.n > 3`). The label is for a person reading a
 * graph, not an evaluable expression; `Default` edges are labelled by the caller.
 */
import type {ChoiceRule} from '../../asl/definition.js';

const comparisonSymbols: Record<string, string> = {
	Equals: '==',
	LessThan: '<',
	GreaterThan: '>',
	LessThanEquals: '<=',
	GreaterThanEquals: '>=',
};

const typeTests: Record<string, [yes: string, no: string]> = {
	IsNull: ['is null', 'is not null'],
	IsPresent: ['is present', 'is not present'],
	IsNumeric: ['is numeric', 'is not numeric'],
	IsString: ['is string', 'is not string'],
	IsBoolean: ['is boolean', 'is not boolean'],
	IsTimestamp: ['is timestamp', 'is not timestamp'],
};

/** Keys of a rule that are not its comparison operator. */
const nonOperatorKeys = new Set(['Variable', 'Next', 'Assign', 'Output', 'Comment', 'Condition', 'And', 'Or', 'Not']);

export function describeChoiceRule(rule: ChoiceRule): string {
	return describe(rule, false);
}

/** `nested`: the rendering is an operand of and/or/not and needs parentheses if compound. */
function describe(rule: ChoiceRule, nested: boolean): string {
	if (rule.Condition !== undefined) return describeCondition(rule.Condition);
	if (Array.isArray(rule.And)) return group(rule.And.map(r => describe(r, true)).join(' and '), nested && rule.And.length > 1);
	if (Array.isArray(rule.Or)) return group(rule.Or.map(r => describe(r, true)).join(' or '), nested && rule.Or.length > 1);
	if (rule.Not !== undefined && rule.Not !== null && typeof rule.Not === 'object') {
		return `not ${group(describe(rule.Not, false), true)}`;
	}
	return describeComparison(rule);
}

function group(text: string, parenthesize: boolean): string {
	return parenthesize ? `(${text})` : text;
}

function describeCondition(condition: string | boolean): string {
	if (typeof condition === 'boolean') return String(condition);
	const inner = /^\s*\{%([\s\S]*)%\}\s*$/.exec(condition)?.[1] ?? condition;
	return inner.replace(/\s+/g, ' ').trim();
}

function describeComparison(rule: ChoiceRule): string {
	const variable = rule.Variable ?? '?';
	const operator = Object.keys(rule).find(key => !nonOperatorKeys.has(key));
	if (operator === undefined) return variable;
	const value = rule[operator];
	const test = typeTests[operator];
	if (test) return `${variable} ${value === false ? test[1] : test[0]}`;
	if (operator === 'StringMatches') return `${variable} matches ${formatValue(value)}`;
	const comparison = /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/.exec(
		operator,
	);
	if (comparison) {
		const symbol = comparisonSymbols[comparison[2]!]!;
		// A *Path operator compares with another field: show the path bare, not quoted.
		const operand = comparison[3] === 'Path' && typeof value === 'string' ? value : formatValue(value);
		return `${variable} ${symbol} ${operand}`;
	}
	return `${variable} ${operator} ${formatValue(value)}`;
}

function formatValue(value: unknown): string {
	if (value === undefined) return '?';
	return JSON.stringify(value) ?? String(value);
}
