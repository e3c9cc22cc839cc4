/**
 * Choice rules. A JSONPath rule is either a data test (a `Variable` and exactly one
 * comparison operator) or a boolean combination (`And`, `Or`, `Not`) of nested rules;
 * only top-level rules name a `Next` and may `Assign`. A JSONata rule is a `Condition`
 * and a `Next`.
 */
import {QueryLanguage} from '../definition.js';
import {
	checkAssign,
	checkFields,
	checkPath,
	checkString,
	requireField,
} from './fieldChecks.js';
import {has, isObject, type JsonObject} from './jsonValue.js';
import {checkJsonataValue, isJsonataString} from './jsonataSyntax.js';
import {PathKind} from './pathSyntax.js';
import type {ProblemList, Segments} from './problem.js';
import type {Target} from './transitions.js';

type Operand = 'string' | 'number' | 'boolean' | 'timestamp' | 'path';

const COMPARISONS: Readonly<Record<string, Operand>> = {
	StringEquals: 'string',
	StringLessThan: 'string',
	StringGreaterThan: 'string',
	StringLessThanEquals: 'string',
	StringGreaterThanEquals: 'string',
	StringMatches: 'string',
	NumericEquals: 'number',
	NumericLessThan: 'number',
	NumericGreaterThan: 'number',
	NumericLessThanEquals: 'number',
	NumericGreaterThanEquals: 'number',
	BooleanEquals: 'boolean',
	TimestampEquals: 'timestamp',
	TimestampLessThan: 'timestamp',
	TimestampGreaterThan: 'timestamp',
	TimestampLessThanEquals: 'timestamp',
	TimestampGreaterThanEquals: 'timestamp',
	IsNull: 'boolean',
	IsPresent: 'boolean',
	IsNumeric: 'boolean',
	IsString: 'boolean',
	IsBoolean: 'boolean',
	IsTimestamp: 'boolean',
	...Object.fromEntries(
		[
			'StringEqualsPath',
			'StringLessThanPath',
			'StringGreaterThanPath',
			'StringLessThanEqualsPath',
			'StringGreaterThanEqualsPath',
			'NumericEqualsPath',
			'NumericLessThanPath',
			'NumericGreaterThanPath',
			'NumericLessThanEqualsPath',
			'NumericGreaterThanEqualsPath',
			'BooleanEqualsPath',
			'TimestampEqualsPath',
			'TimestampLessThanPath',
			'TimestampGreaterThanPath',
			'TimestampLessThanEqualsPath',
			'TimestampGreaterThanEqualsPath',
		].map(operator => [operator, 'path' as const]),
	),
};

const BOOLEAN_OPERATORS = ['And', 'Or', 'Not'] as const;

const NESTED_RULE_FIELDS: ReadonlySet<string> = new Set([
	'Variable',
	'Comment',
	...BOOLEAN_OPERATORS,
	...Object.keys(COMPARISONS),
	// Named so that a JSONPath rule carrying them gets the query-language message.
	'Condition',
	'Output',
]);
const TOP_RULE_FIELDS: ReadonlySet<string> = new Set([...NESTED_RULE_FIELDS, 'Next', 'Assign']);
const JSONATA_RULE_FIELDS: ReadonlySet<string> = new Set([...TOP_RULE_FIELDS]);

export function checkChoices(
	value: unknown,
	at: Segments,
	problems: ProblemList,
	language: QueryLanguage,
	targets: Target[],
): void {
	if (!Array.isArray(value) || value.length === 0) {
		problems.schema(at, 'must be a non-empty array of choice rules');
		return;
	}
	value.forEach((rule, index) => {
		const here = [...at, index];
		if (!isObject(rule)) {
			problems.schema(here, 'Expected value of type [OBJECT]');
			return;
		}
		if (language === QueryLanguage.JSONata) checkJsonataRule(rule, here, problems);
		else checkDataRule(rule, here, problems, true);
		if (requireField(rule, 'Next', here, problems) && checkString(rule.Next, [...here, 'Next'], problems)) {
			targets.push({name: rule.Next, at: [...here, 'Next'], field: 'Next'});
		}
	});
}

function checkJsonataRule(rule: JsonObject, at: Segments, problems: ProblemList): void {
	const usable = checkFields(rule, JSONATA_RULE_FIELDS, at, problems, QueryLanguage.JSONata);
	for (const field of [...BOOLEAN_OPERATORS, ...Object.keys(COMPARISONS)]) {
		if (usable.has(field)) {
			problems.schema(
				[...at, field],
				`The QueryLanguage is set to 'JSONata', but field '${field}' is only supported for the 'JSONPath' QueryLanguage`,
			);
		}
	}
	if (requireField(rule, 'Condition', at, problems)) {
		const condition = rule.Condition;
		if (isJsonataString(condition)) checkJsonataValue(condition, [...at, 'Condition'], problems, {errorOutput: false});
		else if (typeof condition !== 'boolean') problems.schema([...at, 'Condition'], 'must be a JSONata expression or a boolean');
	}
	if (usable.has('Output')) checkJsonataValue(rule.Output, [...at, 'Output'], problems, {errorOutput: false});
	if (usable.has('Assign')) checkAssign(rule.Assign, [...at, 'Assign'], problems, QueryLanguage.JSONata);
	if (usable.has('Comment')) checkString(rule.Comment, [...at, 'Comment'], problems);
}

function checkDataRule(rule: JsonObject, at: Segments, problems: ProblemList, topLevel: boolean): void {
	const before = problems.items.length;
	const usable = checkFields(rule, topLevel ? TOP_RULE_FIELDS : NESTED_RULE_FIELDS, at, problems, QueryLanguage.JSONPath);
	// A refused field is most likely the operator, misspelled or of the other language:
	// saying the rule then has none would only repeat it.
	const refusedField = problems.items.length > before;
	if (topLevel && usable.has('Assign')) checkAssign(rule.Assign, [...at, 'Assign'], problems, QueryLanguage.JSONPath);
	if (usable.has('Comment')) checkString(rule.Comment, [...at, 'Comment'], problems);

	const combinators = BOOLEAN_OPERATORS.filter(operator => usable.has(operator));
	const comparisons = Object.keys(COMPARISONS).filter(operator => usable.has(operator));
	if (combinators.length + comparisons.length === 0 && refusedField) return;
	if (combinators.length + comparisons.length !== 1) {
		problems.schema(
			at,
			combinators.length + comparisons.length === 0
				? "A choice rule must have a comparison operator (with 'Variable') or one of 'And', 'Or', 'Not'"
				: `A choice rule must have exactly one operator, found: ${[...combinators, ...comparisons].join(', ')}`,
		);
		return;
	}
	const combinator = combinators[0];
	if (combinator) {
		if (has(rule, 'Variable')) problems.schema([...at, 'Variable'], `'Variable' cannot be used with '${combinator}'`);
		checkCombination(rule[combinator], combinator, [...at, combinator], problems);
		return;
	}
	const operator = comparisons[0]!;
	if (requireField(rule, 'Variable', at, problems)) {
		checkPath(rule.Variable, 'Variable', [...at, 'Variable'], problems, PathKind.Path);
	}
	checkOperand(rule[operator], operator, COMPARISONS[operator]!, [...at, operator], problems);
}

function checkCombination(value: unknown, combinator: string, at: Segments, problems: ProblemList): void {
	if (combinator === 'Not') {
		if (isObject(value)) checkDataRule(value, at, problems, false);
		else problems.schema(at, 'Expected value of type [OBJECT]');
		return;
	}
	if (!Array.isArray(value) || value.length === 0) {
		problems.schema(at, 'must be a non-empty array of choice rules');
		return;
	}
	value.forEach((rule, index) => {
		if (isObject(rule)) checkDataRule(rule, [...at, index], problems, false);
		else problems.schema([...at, index], 'Expected value of type [OBJECT]');
	});
}

function checkOperand(value: unknown, operator: string, operand: Operand, at: Segments, problems: ProblemList): void {
	switch (operand) {
		case 'path':
			checkPath(value, operator, at, problems, PathKind.Path);
			return;
		case 'timestamp':
			// Only the type: a malformed timestamp literal is left to the comparison, which
			// simply does not match, rather than risk refusing one AWS reads.
			checkString(value, at, problems);
			return;
		default:
			if (typeof value !== operand) problems.schema(at, `Expected value of type [${operand.toUpperCase()}]`);
	}
}
