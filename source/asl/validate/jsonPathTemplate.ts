/**
 * Payload templates of JSONPath states (Parameters, ResultSelector, ItemSelector,
 * Assign, ...): every field whose name ends in `.$` is evaluated, so its value must be a
 * path or an intrinsic function call, and no two fields may collide once the suffix is
 * stripped. Other values are literals and may be anything.
 */
import {isObject} from './jsonValue.js';
import {isValidIntrinsic, looksLikeIntrinsic} from './intrinsicSyntax.js';
import {PathKind, aslPayloadValueAccepted, isValidPath} from './pathSyntax.js';
import type {ProblemList, Segments} from './problem.js';

export function checkPayloadTemplate(value: unknown, at: Segments, problems: ProblemList): void {
	if (Array.isArray(value)) {
		value.forEach((item, index) => checkPayloadTemplate(item, [...at, index], problems));
		return;
	}
	if (!isObject(value)) return;
	const seen = new Set<string>();
	for (const [key, field] of Object.entries(value)) {
		const evaluated = key.endsWith('.$');
		const name = evaluated ? key.slice(0, -2) : key;
		if (seen.has(name)) {
			problems.schema([...at, key], `The field '${name}' appears twice once the '.$' suffix is removed`);
		}
		seen.add(name);
		if (!evaluated) {
			checkPayloadTemplate(field, [...at, key], problems);
		} else if (typeof field !== 'string' || !isValidPayloadExpression(field)) {
			problems.schema(
				[...at, key],
				`The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`,
			);
		}
	}
}

/** A `.$` value: a path (`$`, `$$`, `$variable` based) or an intrinsic function call. */
export function isValidPayloadExpression(text: string): boolean {
	const valid = looksLikeIntrinsic(text) ? isValidIntrinsic(text) : isValidPath(text, PathKind.Path);
	return valid || aslPayloadValueAccepted(text);
}
