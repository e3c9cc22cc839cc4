/**
 * The part of cron syntax every field shares: lists (`,`), ranges (`-`), all (`*`)
 * and increments (`/`), over numbers or the field's names. It expands a field into
 * the sorted set of values it allows; the day fields' extras (`? L W #`) are handled
 * by `cronExpression.ts` before a text reaches here.
 *
 * Where AWS's documentation is silent, stratus follows Quartz, the Java scheduler
 * whose syntax AWS's cron copies: names and letters are case-insensitive, `a/n`
 * starts at a and steps to the end of the field, `a-b/n` steps within the range,
 * a range written backwards wraps around (`22-2` hours, `FRI-MON`, `NOV-FEB`) except
 * in Year, and an increment may not exceed the field's maximum (`0/60` minutes).
 */
import {ScheduleExpressionError, type ScheduleField} from './scheduleExpressionError.js';

export interface FieldSpec {
	field: ScheduleField;
	min: number;
	max: number;
	/** Upper-case names accepted in place of numbers (JAN=1, SUN=1). */
	names?: Readonly<Record<string, number>>;
	/** Whether a range written backwards wraps around; false makes it an error. */
	wraps: boolean;
	/** Whether `/` increments are allowed at all (AWS does not list them for Day-of-week). */
	steps: boolean;
	/** Largest increment; undefined for no limit. */
	maxStep?: number;
}

/** Raised for one field's text; `cronExpression.ts` adds the expression and field name. */
export class FieldError extends Error {}

function describeRange(spec: FieldSpec): string {
	const names = spec.names ? Object.keys(spec.names) : [];
	const named = names.length > 0 ? ` or ${names[0]}-${names[names.length - 1]}` : '';
	return `${spec.min}-${spec.max}${named}`;
}

function parseValue(token: string, spec: FieldSpec): number {
	if (/^\d+$/.test(token)) {
		const value = Number(token);
		if (value < spec.min || value > spec.max) {
			throw new FieldError(`${token} is out of range ${describeRange(spec)}`);
		}
		return value;
	}
	const named = spec.names?.[token.toUpperCase()];
	if (named !== undefined) return named;
	throw new FieldError(`'${token}' is not a valid value (${describeRange(spec)})`);
}

function parseStep(token: string, spec: FieldSpec): number {
	if (!spec.steps) throw new FieldError(`'/' increments are not allowed in this field`);
	if (!/^\d+$/.test(token) || Number(token) < 1) {
		throw new FieldError(`increment '${token}' must be a positive whole number`);
	}
	const step = Number(token);
	if (spec.maxStep !== undefined && step > spec.maxStep) {
		throw new FieldError(`increment ${step} is larger than ${spec.maxStep}`);
	}
	return step;
}

/** Values from `start` to `end` inclusive by `step`, wrapping past the field's maximum. */
function walk(start: number, end: number, step: number, spec: FieldSpec, into: Set<number>): void {
	const span = spec.max - spec.min + 1;
	const stop = end >= start ? end : end + span;
	for (let value = start; value <= stop; value += step) {
		into.add(value > spec.max ? value - span : value);
	}
}

function expandItem(item: string, spec: FieldSpec, into: Set<number>): void {
	const [base, stepText, extra] = item.split('/');
	if (extra !== undefined) throw new FieldError(`'${item}' has more than one '/'`);
	if (base === '') throw new FieldError(`'${item}' needs a value before '/'`);
	const step = stepText === undefined ? 1 : parseStep(stepText, spec);
	if (base === '*') {
		walk(spec.min, spec.max, step, spec, into);
		return;
	}
	const bounds = base.split('-');
	if (bounds.length > 2 || bounds.some(bound => bound === '')) {
		throw new FieldError(`'${base}' is not a value or a range a-b`);
	}
	const start = parseValue(bounds[0], spec);
	if (bounds.length === 1) {
		walk(start, stepText === undefined ? start : spec.max, step, spec, into);
		return;
	}
	const end = parseValue(bounds[1], spec);
	if (end < start && !spec.wraps) {
		throw new FieldError(`range ${base} ends before it starts`);
	}
	walk(start, end, step, spec, into);
}

/** The sorted values a field's text allows. */
export function expandField(text: string, spec: FieldSpec): number[] {
	const values = new Set<number>();
	for (const item of text.split(',')) {
		if (item === '') throw new FieldError(`'${text}' has an empty list item`);
		expandItem(item, spec, values);
	}
	return [...values].sort((a, b) => a - b);
}
