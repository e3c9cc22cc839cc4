/**
 * JSONata templates: the value of a JSONata field (`Arguments`, `Output`, `Assign`,
 * `ItemSelector`, ...) with `{% %}` strings anywhere inside it.
 *
 * A string is an expression only when it is one whole `{% ... %}`: it starts with `{%`
 * and ends with `%}`, nothing outside, whitespace inside allowed. `" {% x %} "` and
 * `"a {% x %} b"` are literal text (there is no interpolation), as are `$.path` and
 * `States.Format(...)` strings. Every other value is copied as it is.
 *
 * The field path grows as the walk descends, the way AWS names the field in messages:
 * `/key` per object member and `[i]` per array element (`Output/list[0]/name`).
 */
import {bindingsFor, evaluateWithBindings, type JsonataBindings, type JsonataScope} from './evaluation.js';

export function isJsonataTemplate(value: unknown): value is string {
	return typeof value === 'string' && value.length >= 4 && value.startsWith('{%') && value.endsWith('%}');
}

/** The expression of a `{% ... %}` string, as AWS quotes it in messages. */
export function templateExpression(template: string): string {
	return template.slice(2, -2).trim();
}

export async function evaluateTemplate(template: unknown, scope: JsonataScope, field: string): Promise<unknown> {
	let bindings: JsonataBindings | undefined;
	// Variables are snapshotted only if some expression needs them, and then only once.
	return walk(template, field, () => (bindings ??= bindingsFor(scope)));
}

async function walk(value: unknown, field: string, bindings: () => JsonataBindings): Promise<unknown> {
	if (typeof value === 'string') {
		return isJsonataTemplate(value) ? evaluateWithBindings(templateExpression(value), bindings(), field) : value;
	}
	if (Array.isArray(value)) {
		const items: unknown[] = [];
		for (let index = 0; index < value.length; index++) items.push(await walk(value[index], `${field}[${index}]`, bindings));
		return items;
	}
	if (value === null || typeof value !== 'object') return value;
	const object: Record<string, unknown> = {};
	for (const [key, member] of Object.entries(value)) {
		// Defined rather than assigned, so a member named `__proto__` stays a member.
		Object.defineProperty(object, key, {
			value: await walk(member, `${field}/${key}`, bindings),
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return object;
}
