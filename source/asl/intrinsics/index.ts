/**
 * Intrinsic functions of JSONPath states (`"key.$": "States.Format('{}', $.a)"`
 * in Parameters, ResultSelector, ItemSelector, Assign, and Fail's ErrorPath and
 * CausePath). JSONata states have no intrinsics.
 *
 * Semantics follow AWS as observed rather than the letter of the ASL spec where
 * they differ; each function module says where. Failures are EvaluationErrors
 * named States.Runtime (see evaluate.ts for why not States.IntrinsicFailure).
 */
import {evaluateCall, INTRINSIC_ERROR} from './evaluate.js';
import {NodeKind, type CallNode} from './ast.js';
import {intrinsicFunctions} from './functions/registry.js';
import {IntrinsicSyntaxError, parseIntrinsic} from './parse.js';
import {EvaluationError} from '../statesError.js';
import type {Bindings} from '../variables.js';

export {IntrinsicSyntaxError, parseIntrinsic, MAX_NESTING_DEPTH} from './parse.js';
export {INTRINSIC_ERROR} from './evaluate.js';
export type {CallNode, IntrinsicNode} from './ast.js';

const CALL_START = /^States\.[A-Za-z][A-Za-z0-9]*\s*\(/;

/**
 * Whether a `.$` value is meant as an intrinsic call rather than a path. Only
 * the start is looked at, so a malformed call is still reported as one.
 */
export function isIntrinsicCall(text: string): boolean {
	return CALL_START.test(text);
}

/** The value of an intrinsic call; throws EvaluationError. */
export function evaluateIntrinsic(text: string, bindings: Bindings): unknown {
	let call: CallNode;
	try {
		call = parseIntrinsic(text);
	} catch (error) {
		if (!(error instanceof IntrinsicSyntaxError)) throw error;
		throw new EvaluationError(
			INTRINSIC_ERROR,
			`There was an error while evaluating the intrinsic function: ${text}. ${error.reason}`,
		);
	}
	return evaluateCall(call, bindings);
}

/**
 * Why a definition's intrinsic call is invalid (syntax, nesting depth, or a
 * function that does not exist), or undefined when it is valid. Argument counts
 * and types are checked when the call runs, as AWS does.
 */
export function validateIntrinsic(text: string): string | undefined {
	let call: CallNode;
	try {
		call = parseIntrinsic(text);
	} catch (error) {
		if (error instanceof IntrinsicSyntaxError) return error.message;
		throw error;
	}
	return unknownFunction(call);
}

function unknownFunction(call: CallNode): string | undefined {
	if (!intrinsicFunctions.has(call.name)) return `${call.name} is not an intrinsic function`;
	for (const arg of call.args) {
		if (arg.kind !== NodeKind.Call) continue;
		const problem = unknownFunction(arg);
		if (problem) return problem;
	}
	return undefined;
}
