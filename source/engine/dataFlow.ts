/**
 * Input and output processing. JSONPath states: InputPath -> Parameters -> (work)
 * -> ResultSelector -> ResultPath -> OutputPath, with Assign evaluated on the
 * result. JSONata states: Arguments -> (work) -> Output, with Assign and Output
 * both seeing the variables as they were when the state was entered.
 */
import type {Assign, Template} from '../asl/definition.js';
import {
	evaluateTemplate,
	expectType,
	isJsonataTemplate,
	templateExpression,
	type ExpectedType,
	type ExpectedTypes,
	type JsonataScope,
} from '../asl/jsonata/index.js';
import {lookupPath, writePath} from '../asl/jsonPath.js';
import {evaluatePayloadTemplate} from '../asl/payloadTemplate.js';
import {ErrorName, EvaluationError} from '../asl/statesError.js';
import {contextObject, jsonPathBindings, type StateContext} from './stateContext.js';

/** `null` discards the input (`{}`), a missing path is a runtime failure. */
export function applyInputPath(ctx: StateContext, raw: unknown, path: string | null | undefined): unknown {
	if (path === undefined || path === '$') return raw;
	if (path === null) return {};
	return readPath(ctx, path, raw);
}

/** A path that must resolve (InputPath, ItemsPath, SecondsPath, ...): a missing one fails the state with Jayway's reason, as AWS quotes it. */
export function readPath(ctx: StateContext, path: string, input: unknown): unknown {
	const found = lookupPath(path, jsonPathBindings(ctx, input));
	if (!found.found) throw new EvaluationError(ErrorName.Runtime, `Invalid path '${path}' : ${found.reason}`);
	return found.value;
}

export function applyOutputPath(ctx: StateContext, value: unknown, path: string | null | undefined): unknown {
	return applyInputPath(ctx, value, path);
}

export function applyTemplate(ctx: StateContext, template: Template | undefined, input: unknown): unknown {
	if (template === undefined) return input;
	return evaluatePayloadTemplate(template, jsonPathBindings(ctx, input));
}

/** ResultPath: where the result goes in the raw input (`$` replaces it, null keeps the input). */
export function applyResultPath(raw: unknown, path: string | null | undefined, result: unknown): unknown {
	if (path === undefined || path === '$') return result;
	if (path === null) return raw;
	const written = writePath(raw, path, result);
	if (!written.ok) {
		throw new EvaluationError(
			ErrorName.ResultPathMatchFailure,
			`Unable to apply ResultPath "${path}" to input ${JSON.stringify(raw)}`,
		);
	}
	return written.value;
}

/** JSONPath Assign: `.$` values read from `value` (the state result), as AWS defines. */
export function evaluateJsonPathAssign(ctx: StateContext, assign: Assign | undefined, value: unknown): Record<string, unknown> | undefined {
	if (!assign) return undefined;
	return evaluatePayloadTemplate(assign, jsonPathBindings(ctx, value)) as Record<string, unknown>;
}

export function jsonataScope(ctx: StateContext, extra: {result?: unknown; errorOutput?: unknown} = {}): JsonataScope {
	return {input: ctx.input, context: contextObject(ctx), variables: ctx.frame.variables, ...extra};
}

export async function evaluateJsonataAssign(ctx: StateContext, assign: Assign | undefined, scope: JsonataScope): Promise<Record<string, unknown> | undefined> {
	if (!assign) return undefined;
	return (await evaluateTemplate(assign, scope, 'Assign')) as Record<string, unknown>;
}

/** A JSONata field that must yield one type (Items an array, Condition a boolean, ...), with AWS's error otherwise. */
export async function evaluateTypedField<T extends ExpectedType>(template: unknown, scope: JsonataScope, field: string, expected: T): Promise<ExpectedTypes[T]> {
	const value = await evaluateTemplate(template, scope, field);
	expectType(value, expected, isJsonataTemplate(template) ? templateExpression(template) : JSON.stringify(template), field);
	return value;
}

/** JSONata Output: absent means the result (or the input, for states without one). */
export async function evaluateJsonataOutput(template: Template | undefined, scope: JsonataScope, fallback: unknown): Promise<unknown> {
	if (template === undefined) return fallback;
	return evaluateTemplate(template, scope, 'Output');
}
