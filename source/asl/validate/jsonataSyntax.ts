/**
 * JSONata in JSONata states: any string of a JSONata field written `{% ... %}` must
 * parse, and may not use what Step Functions does not offer there (`$$`, and
 * `$states.errorOutput` outside a catcher). Codes and messages follow AWS, whose
 * INVALID_JSONATA_EXPRESSION text is the JSONata parser's message without its code.
 */
import jsonata from 'jsonata';
import {isObject} from './jsonValue.js';
import {ProblemCode, type ProblemList, type Segments} from './problem.js';

export interface JsonataPlace {
	/** Catchers' Output and Assign are the one place `$states.errorOutput` exists. */
	errorOutput: boolean;
}

interface ExpressionVerdict {
	parseError?: string;
	usesContextRoot: boolean;
	usesErrorOutput: boolean;
}

// Definitions repeat expressions (every Choice branch, every Map item field); parsing is
// the dominant cost, so each distinct text is parsed once per process.
const verdicts = new Map<string, ExpressionVerdict>();

export function isJsonataString(value: unknown): value is string {
	return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}');
}

/** Checks every `{% %}` string in a JSONata field's value, however deep. */
export function checkJsonataValue(value: unknown, at: Segments, problems: ProblemList, place: JsonataPlace): void {
	if (typeof value === 'string') {
		checkJsonataString(value, at, problems, place);
	} else if (Array.isArray(value)) {
		value.forEach((item, index) => checkJsonataValue(item, [...at, index], problems, place));
	} else if (isObject(value)) {
		for (const [key, field] of Object.entries(value)) checkJsonataValue(field, [...at, key], problems, place);
	}
}

function checkJsonataString(text: string, at: Segments, problems: ProblemList, place: JsonataPlace): void {
	if (!text.startsWith('{%')) return;
	if (!text.endsWith('%}') || text.length < 4) {
		problems.schema(at, 'JSONata string must start with {% and end with %}');
		return;
	}
	const verdict = judge(text.slice(2, -2));
	if (verdict.parseError !== undefined) {
		problems.add(ProblemCode.InvalidJsonataExpression, at, verdict.parseError);
	} else if (verdict.usesContextRoot) {
		problems.add(ProblemCode.UnsupportedJsonataExpression, at, "Reference to '$$' is not supported.");
	} else if (verdict.usesErrorOutput && !place.errorOutput) {
		problems.add(ProblemCode.UnsupportedJsonataExpression, at, "Field '$states.errorOutput' does not exist.");
	}
}

function judge(expression: string): ExpressionVerdict {
	let verdict = verdicts.get(expression);
	if (!verdict) {
		verdict = parse(expression);
		verdicts.set(expression, verdict);
	}
	return verdict;
}

function parse(expression: string): ExpressionVerdict {
	let ast: unknown;
	try {
		ast = jsonata(expression).ast();
	} catch (error) {
		const message = (error as {message?: unknown}).message;
		return {parseError: typeof message === 'string' ? message : String(error), usesContextRoot: false, usesErrorOutput: false};
	}
	const verdict: ExpressionVerdict = {usesContextRoot: false, usesErrorOutput: false};
	walk(ast, verdict, new Set());
	return verdict;
}

/** Looks through the parsed expression for the two references AWS refuses. */
function walk(node: unknown, verdict: ExpressionVerdict, visited: Set<object>): void {
	if (typeof node !== 'object' || node === null || visited.has(node)) return;
	visited.add(node);
	if (Array.isArray(node)) {
		for (const child of node) walk(child, verdict, visited);
		return;
	}
	const record = node as Record<string, unknown>;
	// `$$` parses as the variable named '$'; `$` alone is the variable named ''.
	if (record.type === 'variable' && record.value === '$') verdict.usesContextRoot = true;
	if (record.type === 'path' && Array.isArray(record.steps)) {
		const [first, second] = record.steps as unknown[];
		if (
			isObject(first) &&
			first.type === 'variable' &&
			first.value === 'states' &&
			isObject(second) &&
			second.value === 'errorOutput'
		) {
			verdict.usesErrorOutput = true;
		}
	}
	for (const child of Object.values(record)) walk(child, verdict, visited);
}
