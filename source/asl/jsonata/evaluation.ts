/**
 * Evaluating one JSONata expression of a state, as Step Functions does.
 *
 * What an expression sees: `$states` (`input`, `context`, and `result` / `errorOutput`
 * where the field has them) and every workflow variable as `$name`. There is no
 * context item: `$` is undefined, which is why AWS refuses bare top-level names at
 * definition time.
 *
 * Failures are `States.QueryEvaluationError` with AWS's sentences, the field being
 * the path inside the state AWS names (`Output/result`, `Items[1]`):
 * - nothing came back: `... returned nothing (undefined).`
 * - jsonata threw: `... threw an error during evaluation. T1006: Attempted to invoke a non-function`
 * - a runtime bound tripped, which AWS reports without a code: `... threw an error during evaluation: Stack overflow error: ...`
 * - anything else went wrong inside: `... threw an internal error during evaluation. <uuid>`,
 *   AWS's shape; the JavaScript error stays on the EvaluationError's `origin`.
 *
 * AWS bounds evaluation, and so does this: nesting deeper than 100 evaluation steps
 * fails (AWS accepts 100 and refuses 101, which jsonata's own depth count matches step
 * for step: a 100-term `1+1+...` passes, 101 fails), and so does running longer than
 * five seconds, which otherwise an expression recursing without a base case would do
 * for ever while holding the event loop.
 */
import {randomUUID} from 'node:crypto';
import jsonata from 'jsonata';
import {ErrorName, EvaluationError} from '../statesError.js';
import type {VariableScope} from '../variables.js';
import {FunctionResultError, toJsonResult} from './jsonResult.js';
import {CLOCK_BINDING, registerStepFunctionsFunctions} from './stepFunctionsFunctions.js';

/** What the expressions of one state field can see. */
export interface JsonataScope {
	/** The state's input: `$states.input`. */
	input: unknown;
	/** The context object: `$states.context`. */
	context: unknown;
	/** The task or branch result, where the field can read it: `$states.result`. */
	result?: unknown;
	/** The caught error (`{Error, Cause}`), in a Catch's Output and Assign: `$states.errorOutput`. */
	errorOutput?: unknown;
	variables: VariableScope;
	/**
	 * The engine's clock, so `$now()` and `$millis()` follow a virtual clock. Read once per
	 * field: every expression of one template sees the same instant, as inside one JSONata
	 * evaluation. Real time when absent.
	 */
	now?: () => number | Date;
}

/** The name-to-value map handed to jsonata; built once per field and shared by its expressions. */
export type JsonataBindings = Readonly<Record<string, unknown>>;

const LIMITS: jsonata.JsonataOptions = {stack: 100, timeout: 5_000};

/** AWS's texts for the two runtime bounds, which it reports without a code. */
const BOUND_MESSAGES: Readonly<Record<string, string>> = {
	D1011: 'Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.',
	D1012: 'Expression evaluation timeout: Check for infinite loop',
};

type Compiled = {expression: jsonata.Expression} | {syntaxError: unknown};

// Definitions are parsed once but evaluated per state entry, and parsing dominates a
// small expression's cost, so each distinct text is compiled once. A compiled
// expression keeps no per-evaluation state (bindings go to each evaluate call), so
// concurrent Map iterations can share it. The bound only guards a long-lived server
// against unbounded growth; eviction is oldest-first.
const MAX_CACHED = 4096;
const cache = new Map<string, Compiled>();

function compile(expression: string): jsonata.Expression {
	let compiled = cache.get(expression);
	if (compiled === undefined) {
		try {
			const parsed = jsonata(expression, LIMITS);
			registerStepFunctionsFunctions(parsed);
			compiled = {expression: parsed};
		} catch (syntaxError) {
			compiled = {syntaxError};
		}
		if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
		cache.set(expression, compiled);
	}
	if ('syntaxError' in compiled) throw compiled.syntaxError;
	return compiled.expression;
}

export function bindingsFor(scope: JsonataScope): JsonataBindings {
	const states: Record<string, unknown> = {input: scope.input, context: scope.context};
	if (scope.result !== undefined) states.result = scope.result;
	if (scope.errorOutput !== undefined) states.errorOutput = scope.errorOutput;
	const reading = scope.now?.();
	const now = typeof reading === 'number' ? reading : reading instanceof Date ? reading.getTime() : Date.now();
	return {
		// Step Functions removes `$eval` (`$parse` replaces it); bound to nothing, a call is T1006.
		eval: undefined,
		...scope.variables.snapshot(),
		// Last, so no variable can stand in for it.
		states,
		[CLOCK_BINDING]: now,
	};
}

/**
 * Evaluates `expression` (the text between `{%` and `%}`) and returns plain JSON.
 * `field` is where the expression sits, as AWS names it in messages.
 */
export async function evaluateExpression(expression: string, scope: JsonataScope, field: string): Promise<unknown> {
	return evaluateWithBindings(expression.trim(), bindingsFor(scope), field);
}

export async function evaluateWithBindings(expression: string, bindings: JsonataBindings, field: string): Promise<unknown> {
	try {
		return await evaluateField(expression, bindings, field);
	} catch (error) {
		if (error instanceof EvaluationError) error.location ??= field;
		throw error;
	}
}

async function evaluateField(expression: string, bindings: JsonataBindings, field: string): Promise<unknown> {
	const sentence = `The JSONata expression '${expression}' specified for the field '${field}'`;
	let result: unknown;
	try {
		result = await compile(expression).evaluate(undefined, bindings);
	} catch (thrown) {
		throw evaluationFailure(sentence, thrown);
	}
	if (result === undefined) {
		throw new EvaluationError(ErrorName.QueryEvaluationError, `${sentence} returned nothing (undefined).`);
	}
	try {
		return toJsonResult(result);
	} catch (error) {
		if (!(error instanceof FunctionResultError)) throw error;
		throw new EvaluationError(ErrorName.QueryEvaluationError, `${sentence} returned an unsupported result type.`);
	}
}

interface JsonataFailure {
	code: string;
	message?: unknown;
}

function isJsonataFailure(thrown: unknown): thrown is JsonataFailure {
	return typeof thrown === 'object' && thrown !== null && typeof (thrown as {code?: unknown}).code === 'string';
}

function evaluationFailure(sentence: string, thrown: unknown): EvaluationError {
	if (!isJsonataFailure(thrown)) {
		return new EvaluationError(
			ErrorName.QueryEvaluationError,
			`${sentence} threw an internal error during evaluation. ${randomUUID()}`,
			thrown,
		);
	}
	const bound = BOUND_MESSAGES[thrown.code];
	if (bound !== undefined) {
		return new EvaluationError(ErrorName.QueryEvaluationError, `${sentence} threw an error during evaluation: ${bound}`, thrown);
	}
	const message = typeof thrown.message === 'string' && thrown.message !== '' ? `: ${thrown.message}` : '';
	return new EvaluationError(
		ErrorName.QueryEvaluationError,
		`${sentence} threw an error during evaluation. ${thrown.code}${message}`,
		thrown,
	);
}
