/**
 * Checks of single field values shared by every part of the definition: which fields an
 * object may carry, numbers within AWS's bounds, paths, strings, mutually exclusive
 * pairs. Each reports at the field it judges.
 */
import {QueryLanguage} from '../definition.js';
import {has, isInteger, isObject, type JsonObject} from './jsonValue.js';
import {checkJsonataValue, isJsonataString} from './jsonataSyntax.js';
import {checkPayloadTemplate} from './jsonPathTemplate.js';
import {PathKind, isValidPath} from './pathSyntax.js';
import type {ProblemList, Segments} from './problem.js';
import {languageOnlyMessage} from './stateFields.js';

/**
 * Reports fields the object may not carry and returns the ones it may: a field refused
 * for its query language is left out so that its value is not judged a second time.
 */
export function checkFields(
	object: JsonObject,
	allowed: ReadonlySet<string>,
	at: Segments,
	problems: ProblemList,
	language: QueryLanguage | undefined,
): Set<string> {
	const usable = new Set<string>();
	for (const field of Object.keys(object)) {
		if (!allowed.has(field)) {
			problems.schema([...at, field], `Field '${field}' is not supported`);
			continue;
		}
		const foreign = language && languageOnlyMessage(field, language);
		if (foreign) problems.schema([...at, field], foreign);
		else usable.add(field);
	}
	return usable;
}

export function requireField(object: JsonObject, field: string, at: Segments, problems: ProblemList): boolean {
	if (has(object, field)) return true;
	problems.schema([...at, field], `Field '${field}' is required`);
	return false;
}

export function checkString(value: unknown, at: Segments, problems: ProblemList): value is string {
	if (typeof value === 'string') return true;
	problems.schema(at, 'Expected value of type [STRING]');
	return false;
}

export function checkObject(value: unknown, at: Segments, problems: ProblemList): value is JsonObject {
	if (isObject(value)) return true;
	problems.schema(at, 'Expected value of type [OBJECT]');
	return false;
}

export interface NumberRule {
	integer: boolean;
	min?: number;
	max?: number;
	/** How the lower bound reads in the message ("1.0" for BackoffRate, as AWS writes it). */
	minText?: string;
	/** JSONata states may give the number as a `{% %}` expression evaluated at run time. */
	language?: QueryLanguage;
}

export function checkNumber(value: unknown, at: Segments, problems: ProblemList, rule: NumberRule): void {
	const expressionAllowed = rule.language === QueryLanguage.JSONata;
	if (expressionAllowed && isJsonataString(value)) {
		checkJsonataValue(value, at, problems, {errorOutput: false});
		return;
	}
	const valid = rule.integer ? isInteger(value) : typeof value === 'number';
	if (!valid) {
		const kind = rule.integer ? 'an integer' : 'a number';
		problems.schema(at, expressionAllowed ? `must be ${kind} or a JSONata expression` : `must be ${kind}`);
		return;
	}
	const number = value as number;
	if (rule.min !== undefined && number < rule.min) problems.schema(at, `must be >= ${rule.minText ?? rule.min}`);
	else if (rule.max !== undefined && number > rule.max) problems.schema(at, `must be <= ${rule.max}`);
}

const PATH_NOUN: Record<PathKind, string> = {
	Path: 'JSONPath',
	ReferencePath: 'reference path (a JSONPath naming a single node)',
	ResultPath: 'reference path (a JSONPath naming a single node of the state input)',
};

export function checkPath(
	value: unknown,
	field: string,
	at: Segments,
	problems: ProblemList,
	kind: PathKind,
	nullable = false,
): void {
	if (value === null && nullable) return;
	if (typeof value === 'string' && isValidPath(value, kind)) return;
	problems.schema(at, `The value for the field '${field}' must be a valid ${PATH_NOUN[kind]}`);
}

/** A payload template in a JSONPath state, a JSONata template in a JSONata one. */
export function checkTemplate(
	value: unknown,
	at: Segments,
	problems: ProblemList,
	language: QueryLanguage,
	errorOutput = false,
): void {
	if (language === QueryLanguage.JSONata) checkJsonataValue(value, at, problems, {errorOutput});
	else checkPayloadTemplate(value, at, problems);
}

/** `Assign` must be an object in either language; its values are templates. */
export function checkAssign(
	value: unknown,
	at: Segments,
	problems: ProblemList,
	language: QueryLanguage,
	errorOutput = false,
): void {
	if (!checkObject(value, at, problems)) return;
	checkTemplate(value, at, problems, language, errorOutput);
}

/** Two ways of giving one setting (a value or a path to it): at most one may be used. */
export function atMostOne(
	usable: ReadonlySet<string>,
	fields: readonly [string, string],
	at: Segments,
	problems: ProblemList,
): void {
	if (usable.has(fields[0]) && usable.has(fields[1])) {
		problems.schema([...at, fields[0]], `'${fields[0]}' and '${fields[1]}' cannot both be set`);
	}
}

export function checkEnum(value: unknown, allowed: readonly string[], at: Segments, problems: ProblemList): void {
	if (typeof value === 'string' && allowed.includes(value)) return;
	problems.schema(at, `Value should be one of the following: [${allowed.join(', ')}]`);
}

/**
 * Whether a literal timestamp is plausible. Deliberately loose (a date and a time of
 * day, whatever follows): AWS refuses what is not a timestamp at all, but a value that
 * merely bends RFC 3339 (no zone, a space for the T, an impossible date) may only fail
 * when the Wait runs, and refusing it here would refuse a definition AWS accepts.
 */
export function isTimestamp(value: unknown): boolean {
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}.\d{2}:\d{2}:\d{2}/.test(value);
}
