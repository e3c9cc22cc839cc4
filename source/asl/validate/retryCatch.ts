/**
 * Retry and Catch: the bounds AWS puts on retriers, the shape of catchers, and the rule
 * that `States.ALL` matches everything, so it must stand alone and come last (anything
 * after it could never be reached).
 */
import {QueryLanguage} from '../definition.js';
import {ErrorName} from '../statesError.js';
import {
	checkAssign,
	checkEnum,
	checkFields,
	checkNumber,
	checkPath,
	checkString,
	requireField,
} from './fieldChecks.js';
import {isObject} from './jsonValue.js';
import {checkJsonataValue} from './jsonataSyntax.js';
import {PathKind} from './pathSyntax.js';
import type {ProblemList, Segments} from './problem.js';
import type {Target} from './transitions.js';

const RETRIER_FIELDS: ReadonlySet<string> = new Set([
	'ErrorEquals',
	'IntervalSeconds',
	'MaxAttempts',
	'BackoffRate',
	'MaxDelaySeconds',
	'JitterStrategy',
	'Comment',
]);

const CATCHER_FIELDS: ReadonlySet<string> = new Set(['ErrorEquals', 'Next', 'ResultPath', 'Output', 'Assign', 'Comment']);

/** Step Functions' upper bound on retry counts and intervals. */
const MAX_RETRY_VALUE = 99_999_999;
/** One year, the longest MaxDelaySeconds AWS accepts. */
const MAX_DELAY_SECONDS = 31_622_400;

export function checkRetry(value: unknown, at: Segments, problems: ProblemList): void {
	if (!Array.isArray(value)) {
		problems.schema(at, 'Expected value of type [ARRAY]');
		return;
	}
	value.forEach((retrier, index) => {
		const here = [...at, index];
		if (!isObject(retrier)) {
			problems.schema(here, 'Expected value of type [OBJECT]');
			return;
		}
		const usable = checkFields(retrier, RETRIER_FIELDS, here, problems, undefined);
		if (requireField(retrier, 'ErrorEquals', here, problems)) {
			checkErrorEquals(retrier.ErrorEquals, [...here, 'ErrorEquals'], problems, index === value.length - 1, 'retrier');
		}
		const number = (field: string, rule: Parameters<typeof checkNumber>[3]) => {
			if (usable.has(field)) checkNumber(retrier[field], [...here, field], problems, rule);
		};
		number('IntervalSeconds', {integer: true, min: 1, max: MAX_RETRY_VALUE});
		number('MaxAttempts', {integer: true, min: 0, max: MAX_RETRY_VALUE});
		number('BackoffRate', {integer: false, min: 1, minText: '1.0'});
		number('MaxDelaySeconds', {integer: true, min: 1, max: MAX_DELAY_SECONDS});
		if (usable.has('JitterStrategy')) {
			checkEnum(retrier.JitterStrategy, ['FULL', 'NONE'], [...here, 'JitterStrategy'], problems);
		}
		if (usable.has('Comment')) checkString(retrier.Comment, [...here, 'Comment'], problems);
	});
}

export function checkCatch(
	value: unknown,
	at: Segments,
	problems: ProblemList,
	language: QueryLanguage,
	targets: Target[],
): void {
	if (!Array.isArray(value)) {
		problems.schema(at, 'Expected value of type [ARRAY]');
		return;
	}
	value.forEach((catcher, index) => {
		const here = [...at, index];
		if (!isObject(catcher)) {
			problems.schema(here, 'Expected value of type [OBJECT]');
			return;
		}
		const usable = checkFields(catcher, CATCHER_FIELDS, here, problems, language);
		if (requireField(catcher, 'ErrorEquals', here, problems)) {
			checkErrorEquals(catcher.ErrorEquals, [...here, 'ErrorEquals'], problems, index === value.length - 1, 'catcher');
		}
		if (requireField(catcher, 'Next', here, problems) && checkString(catcher.Next, [...here, 'Next'], problems)) {
			targets.push({name: catcher.Next, at: [...here, 'Next'], field: 'Next'});
		}
		if (usable.has('ResultPath')) {
			checkPath(catcher.ResultPath, 'ResultPath', [...here, 'ResultPath'], problems, PathKind.ResultPath, true);
		}
		// A catcher's Output and Assign are where `$states.errorOutput` is defined.
		if (usable.has('Output')) checkJsonataValue(catcher.Output, [...here, 'Output'], problems, {errorOutput: true});
		if (usable.has('Assign')) checkAssign(catcher.Assign, [...here, 'Assign'], problems, language, true);
		if (usable.has('Comment')) checkString(catcher.Comment, [...here, 'Comment'], problems);
	});
}

function checkErrorEquals(
	value: unknown,
	at: Segments,
	problems: ProblemList,
	last: boolean,
	owner: 'retrier' | 'catcher',
): void {
	if (!Array.isArray(value) || value.length === 0) {
		problems.schema(at, 'must be a non-empty array of error names');
		return;
	}
	value.forEach((name, index) => checkString(name, [...at, index], problems));
	if (!value.includes(ErrorName.All)) return;
	if (value.length > 1) {
		problems.schema(at, `'${ErrorName.All}' must appear alone in 'ErrorEquals'`);
	} else if (!last) {
		problems.schema(at, `A ${owner} matching '${ErrorName.All}' must be the last one`);
	}
}
