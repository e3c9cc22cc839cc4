/**
 * Shape tests on parsed JSON. The validator receives `unknown` and must never assume a
 * field has the type the language asks for until it has looked.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value);
}

export function has(object: JsonObject, field: string): boolean {
	return Object.hasOwn(object, field);
}

/** AWS names JSON types in upper case in its type diagnostics ("Expected value of type [STRING]"). */
export function jsonTypeName(value: unknown): string {
	if (value === null) return 'NULL';
	if (Array.isArray(value)) return 'ARRAY';
	if (typeof value === 'object') return 'OBJECT';
	if (typeof value === 'number') return Number.isInteger(value) ? 'INTEGER' : 'NUMBER';
	return typeof value === 'string' ? 'STRING' : 'BOOLEAN';
}
