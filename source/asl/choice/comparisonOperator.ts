/**
 * The comparison operators of JSONPath Choice rules, as data: which value family
 * an operator reads, which relation it tests, and whether its operand is a literal
 * or a path to the value to compare with (`...Path`).
 *
 * AWS never fails a comparison for a type mismatch: `NumericEquals` on a string,
 * `StringLessThan` on a number, `TimestampEquals` on a string that is no
 * timestamp, or a `...Path` operand of the wrong type all make the rule false.
 * Only a path that resolves to nothing is an error (see `./index.ts`).
 */
import {matchesWildcard} from './stringPattern.js';
import {compareInstants, parseTimestamp, isTimestamp} from '../timestamp.js';

export const ValueFamily = {
	String: 'String',
	Numeric: 'Numeric',
	Boolean: 'Boolean',
	Timestamp: 'Timestamp',
} as const;
export type ValueFamily = (typeof ValueFamily)[keyof typeof ValueFamily];

export const Relation = {
	Equals: 'Equals',
	LessThan: 'LessThan',
	GreaterThan: 'GreaterThan',
	LessThanEquals: 'LessThanEquals',
	GreaterThanEquals: 'GreaterThanEquals',
} as const;
export type Relation = (typeof Relation)[keyof typeof Relation];

export const TypeTest = {
	IsNull: 'IsNull',
	IsPresent: 'IsPresent',
	IsNumeric: 'IsNumeric',
	IsString: 'IsString',
	IsBoolean: 'IsBoolean',
	IsTimestamp: 'IsTimestamp',
} as const;
export type TypeTest = (typeof TypeTest)[keyof typeof TypeTest];

export type ComparisonOperator =
	| {kind: 'relation'; name: string; family: ValueFamily; relation: Relation; operandIsPath: boolean}
	| {kind: 'matches'; name: 'StringMatches'}
	| {kind: 'typeTest'; name: TypeTest};

function buildOperators(): ReadonlyMap<string, ComparisonOperator> {
	const operators = new Map<string, ComparisonOperator>();
	for (const family of Object.values(ValueFamily)) {
		// Booleans have no order: only BooleanEquals(Path) exists.
		const relations = family === ValueFamily.Boolean ? [Relation.Equals] : Object.values(Relation);
		for (const relation of relations) {
			for (const operandIsPath of [false, true]) {
				const name = `${family}${relation}${operandIsPath ? 'Path' : ''}`;
				operators.set(name, {kind: 'relation', name, family, relation, operandIsPath});
			}
		}
	}
	operators.set('StringMatches', {kind: 'matches', name: 'StringMatches'});
	for (const name of Object.values(TypeTest)) operators.set(name, {kind: 'typeTest', name});
	return operators;
}

const OPERATORS = buildOperators();

/** Every operator name a JSONPath Choice rule may carry next to `Variable`. */
export const comparisonOperatorNames: readonly string[] = [...OPERATORS.keys()];

export function comparisonOperator(name: string): ComparisonOperator | undefined {
	return OPERATORS.get(name);
}

/**
 * The order of two values of one family: negative, zero or positive, or
 * undefined when either value is not of the family (the rule is then false).
 */
export function orderWithin(family: ValueFamily, left: unknown, right: unknown): number | undefined {
	switch (family) {
		case ValueFamily.String:
			// Step Functions compares with Java's String.compareTo: UTF-16 code units,
			// which is also how JavaScript's relational operators order strings.
			if (typeof left !== 'string' || typeof right !== 'string') return undefined;
			return left < right ? -1 : left > right ? 1 : 0;
		case ValueFamily.Numeric:
			// JSON booleans are not numbers here (typeof keeps them apart); 1 and 1.0
			// are the same number, and so are 0 and -0.
			if (typeof left !== 'number' || typeof right !== 'number') return undefined;
			return left < right ? -1 : left > right ? 1 : 0;
		case ValueFamily.Boolean:
			if (typeof left !== 'boolean' || typeof right !== 'boolean') return undefined;
			return left === right ? 0 : 1;
		case ValueFamily.Timestamp: {
			if (typeof left !== 'string' || typeof right !== 'string') return undefined;
			const a = parseTimestamp(left);
			const b = a && parseTimestamp(right);
			if (!a || !b) return undefined;
			return compareInstants(a, b);
		}
	}
}

export function holds(relation: Relation, order: number): boolean {
	switch (relation) {
		case Relation.Equals:
			return order === 0;
		case Relation.LessThan:
			return order < 0;
		case Relation.GreaterThan:
			return order > 0;
		case Relation.LessThanEquals:
			return order <= 0;
		case Relation.GreaterThanEquals:
			return order >= 0;
	}
}

export function compareValues(family: ValueFamily, relation: Relation, left: unknown, right: unknown): boolean {
	const order = orderWithin(family, left, right);
	return order !== undefined && holds(relation, order);
}

export function stringMatches(value: unknown, pattern: unknown): boolean {
	return typeof value === 'string' && typeof pattern === 'string' && matchesWildcard(value, pattern);
}

/**
 * The type tests on a value that was found. IsPresent is decided before a value
 * is looked at (a missing path is its only `false`), so it is always true here.
 */
export function passesTypeTest(test: TypeTest, value: unknown): boolean {
	switch (test) {
		case TypeTest.IsNull:
			return value === null;
		case TypeTest.IsPresent:
			return true;
		case TypeTest.IsNumeric:
			return typeof value === 'number';
		case TypeTest.IsString:
			return typeof value === 'string';
		case TypeTest.IsBoolean:
			return typeof value === 'boolean';
		case TypeTest.IsTimestamp:
			return isTimestamp(value);
	}
}
