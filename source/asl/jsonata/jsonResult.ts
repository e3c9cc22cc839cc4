/**
 * What a JSONata result becomes when it leaves the expression: plain JSON.
 *
 * jsonata hands back arrays flagged as sequences, values that are the very objects
 * bound into the expression (so a caller writing into the result would write into the
 * state input), functions, and numbers JSON cannot hold. Step Functions serialises the
 * result, so this module does the equivalent: fresh arrays and objects, `-0` as `0`,
 * and a non-finite number as the string JavaScript names it by (`1/0` is `"Infinity"`
 * on AWS, `[1/0]` is `["Infinity"]`). A function has no JSON form at all.
 */

export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

/** The result held a function (`{% $sum %}`), which no state can carry on. */
export class FunctionResultError extends Error {
	constructor() {
		super('a function is not a JSON value');
		this.name = 'FunctionResultError';
	}
}

export function isJsonataFunction(value: unknown): boolean {
	if (typeof value === 'function') return true;
	if (typeof value !== 'object' || value === null) return false;
	const marked = value as {_jsonata_function?: unknown; _jsonata_lambda?: unknown};
	return marked._jsonata_function === true || marked._jsonata_lambda === true;
}

/** A defined JSONata value as plain JSON. Undefined members are left out, as JSON leaves them. */
export function toJsonResult(value: unknown): unknown {
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return value;
		case 'number':
			return jsonNumber(value);
		case 'bigint':
			return Number(value);
		case 'object':
			break;
		default:
			throw new FunctionResultError();
	}
	if (value === null) return null;
	if (isJsonataFunction(value)) throw new FunctionResultError();
	if (Array.isArray(value)) {
		const items: unknown[] = [];
		for (const item of value) if (item !== undefined) items.push(toJsonResult(item));
		return items;
	}
	const object: Record<string, unknown> = {};
	for (const [key, member] of Object.entries(value)) {
		if (member === undefined) continue;
		// Defined rather than assigned, so a member named `__proto__` stays a member.
		Object.defineProperty(object, key, {value: toJsonResult(member), enumerable: true, writable: true, configurable: true});
	}
	return object;
}

function jsonNumber(value: number): number | string {
	if (Number.isFinite(value)) return value === 0 ? 0 : value;
	if (Number.isNaN(value)) return 'NaN';
	return value > 0 ? 'Infinity' : '-Infinity';
}

/** The JSON type name AWS uses in its messages. */
export function jsonTypeOf(value: unknown): JsonType {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	switch (typeof value) {
		case 'boolean':
			return 'boolean';
		case 'number':
			return 'number';
		case 'string':
			return 'string';
		default:
			return 'object';
	}
}
