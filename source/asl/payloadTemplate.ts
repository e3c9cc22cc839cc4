/**
 * Payload templates of JSONPath states (Parameters, ResultSelector, ItemSelector,
 * Assign): keys ending in `.$` take their value from a path or an intrinsic
 * function; every other value is copied as it is.
 */
import {evaluateIntrinsic, isIntrinsicCall} from './intrinsics/index.js';
import {lookupPath} from './jsonPath.js';
import {ErrorName, EvaluationError} from './statesError.js';
import type {Bindings} from './variables.js';

export function evaluatePayloadTemplate(template: unknown, bindings: Bindings): unknown {
	if (Array.isArray(template)) return template.map(item => evaluatePayloadTemplate(item, bindings));
	if (template === null || typeof template !== 'object') return template;
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(template)) {
		if (key.endsWith('.$') && typeof value === 'string') {
			out[key.slice(0, -2)] = evaluateDynamicValue(value, key, bindings);
		} else {
			out[key] = evaluatePayloadTemplate(value, bindings);
		}
	}
	return out;
}

/** The value of one `.$` field: an intrinsic call or a path. */
export function evaluateDynamicValue(expression: string, field: string, bindings: Bindings): unknown {
	if (isIntrinsicCall(expression)) return evaluateIntrinsic(expression, bindings);
	const found = lookupPath(expression, bindings);
	if (!found.found) {
		throw new EvaluationError(
			ErrorName.Runtime,
			`The JSONPath '${expression}' specified for the field '${field}' could not be found in the input '${JSON.stringify(bindings.input)}'`,
		);
	}
	return found.value;
}
