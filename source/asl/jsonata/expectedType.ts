/**
 * Fields that need one kind of value from an expression (Map `Items` an array, Choice
 * `Condition` a boolean, `TimeoutSeconds` an integer) check it here, so every such
 * field fails with AWS's one sentence:
 * `The JSONata expression 'true' specified for the field 'Items' returned an unexpected
 * result type. Expected 'array', but was 'boolean' for value: true`.
 */
import {ErrorName, EvaluationError} from '../statesError.js';
import {jsonTypeOf} from './jsonResult.js';

export interface ExpectedTypes {
	array: unknown[];
	object: Record<string, unknown>;
	string: string;
	number: number;
	integer: number;
	boolean: boolean;
}
export type ExpectedType = keyof ExpectedTypes;

export function hasExpectedType<T extends ExpectedType>(value: unknown, expected: T): value is ExpectedTypes[T] {
	if (expected === 'integer') return Number.isInteger(value);
	return jsonTypeOf(value) === expected;
}

/** `value` is an expression's JSON result; `expression` the text between `{%` and `%}`. */
export function expectType<T extends ExpectedType>(
	value: unknown,
	expected: T,
	expression: string,
	field: string,
): asserts value is ExpectedTypes[T] {
	if (hasExpectedType(value, expected)) return;
	throw new EvaluationError(
		ErrorName.QueryEvaluationError,
		`The JSONata expression '${expression.trim()}' specified for the field '${field}' returned an unexpected result type. ` +
			`Expected '${expected}', but was '${jsonTypeOf(value)}' for value: ${JSON.stringify(value)}`,
		undefined,
		field,
	);
}
