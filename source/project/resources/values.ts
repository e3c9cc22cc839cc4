/**
 * Typed reads of resolved property values. CloudFormation is lenient in the same
 * ways: a number may be given as a numeric string (every parameter is a string), and
 * scalars stand in for strings. A value that failed to resolve was already reported,
 * so it reads as absent without a second problem.
 */
import {isPlainObject, scalarText, UNRESOLVED} from '../intrinsics.js';
import type {Stack, TemplateResource} from '../stack.js';
import {childPath, type ProblemList} from '../templateProblem.js';

/** The name a message uses for the value at `path`: `Timeout`, `Layers[0]`. */
export function fieldName(path: string): string {
	const segments = path.split('/');
	const last = segments[segments.length - 1];
	return /^\d+$/.test(last) && segments.length > 1 ? `${segments[segments.length - 2]}[${last}]` : last;
}

export function readString(value: unknown, path: string, problems: ProblemList, what = 'a string'): string | undefined {
	if (value === undefined || value === UNRESOLVED) return undefined;
	const text = scalarText(value);
	if (text === undefined) problems.add(path, `${fieldName(path)} must be ${what}`);
	return text;
}

export function readInteger(
	value: unknown,
	path: string,
	problems: ProblemList,
	range: {min?: number; max?: number} = {},
): number | undefined {
	if (value === undefined || value === UNRESOLVED) return undefined;
	const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	if (!Number.isInteger(number)) {
		problems.add(path, `${fieldName(path)} must be a whole number, not ${JSON.stringify(value)}`);
		return undefined;
	}
	const {min, max} = range;
	if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
		problems.add(path, `${fieldName(path)} must be ${rangeText(min, max)}, not ${number}`);
		return undefined;
	}
	return number;
}

function rangeText(min: number | undefined, max: number | undefined): string {
	if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
	return min !== undefined ? `at least ${min}` : `at most ${max}`;
}

export function readBoolean(value: unknown, path: string, problems: ProblemList): boolean | undefined {
	if (value === undefined || value === UNRESOLVED) return undefined;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	problems.add(path, `${fieldName(path)} must be true or false, not ${JSON.stringify(value)}`);
	return undefined;
}

export function readStringList(value: unknown, path: string, problems: ProblemList): string[] | undefined {
	if (value === undefined || value === UNRESOLVED) return undefined;
	if (!Array.isArray(value)) {
		problems.add(path, `${fieldName(path)} must be a list of strings`);
		return undefined;
	}
	const items: string[] = [];
	value.forEach((item, index) => {
		const text = readString(item, childPath(path, index), problems);
		if (text !== undefined) items.push(text);
	});
	return items;
}

/** A map of strings, such as Environment.Variables; numbers and booleans become text. */
export function readStringMap(value: unknown, path: string, problems: ProblemList): Record<string, string> | undefined {
	if (value === undefined || value === UNRESOLVED) return undefined;
	if (!isPlainObject(value)) {
		problems.add(path, `${fieldName(path)} must be a map of names to strings`);
		return undefined;
	}
	const result: Record<string, string> = {};
	for (const [key, item] of Object.entries(value)) {
		const text = readString(item, childPath(path, key), problems);
		if (text !== undefined) result[key] = text;
	}
	return result;
}

export function readMap(value: unknown, path: string, problems: ProblemList): Record<string, unknown> | undefined {
	if (value === undefined || value === UNRESOLVED) return undefined;
	if (!isPlainObject(value)) {
		problems.add(path, `${fieldName(path)} must be a map`);
		return undefined;
	}
	return value;
}

/** Reads one resource's properties, resolving each on first read. */
export class PropertyReader {
	readonly stack: Stack;
	readonly resource: TemplateResource;
	readonly #resolved = new Map<string, unknown>();

	constructor(stack: Stack, resource: TemplateResource) {
		this.stack = stack;
		this.resource = resource;
	}

	get problems(): ProblemList {
		return this.stack.problems;
	}

	has(name: string): boolean {
		return Object.hasOwn(this.resource.properties, name);
	}

	path(name: string): string {
		return this.stack.propertyPath(this.resource, name);
	}

	value(name: string): unknown {
		if (!this.#resolved.has(name)) this.#resolved.set(name, this.stack.property(this.resource, name));
		return this.#resolved.get(name);
	}

	/** True when the property is present but failed to resolve (already reported). */
	failed(name: string): boolean {
		return this.value(name) === UNRESOLVED;
	}

	string(name: string, options: {required?: boolean} = {}): string | undefined {
		if (options.required && !this.has(name)) {
			this.problems.add(this.path(name), `${this.resource.type} needs ${name}`);
			return undefined;
		}
		return readString(this.value(name), this.path(name), this.problems);
	}

	integer(name: string, range: {min?: number; max?: number} = {}): number | undefined {
		return readInteger(this.value(name), this.path(name), this.problems, range);
	}

	boolean(name: string): boolean | undefined {
		return readBoolean(this.value(name), this.path(name), this.problems);
	}

	stringList(name: string): string[] | undefined {
		return readStringList(this.value(name), this.path(name), this.problems);
	}

	map(name: string): Record<string, unknown> | undefined {
		return readMap(this.value(name), this.path(name), this.problems);
	}
}
