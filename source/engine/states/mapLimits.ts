/**
 * A Map's MaxConcurrency and tolerated failures, each literal, from a path
 * (JSONPath) or from an expression (JSONata), checked as AWS checks them.
 */
import type {MapState} from '../../asl/definition.js';
import {evaluateTemplate} from '../../asl/jsonata/index.js';
import {ErrorName, EvaluationError} from '../../asl/statesError.js';
import {jsonataScope, readPath} from '../dataFlow.js';
import type {StateContext} from '../stateContext.js';

export interface MapLimits {
	/** 0 means no limit. */
	maxConcurrency: number;
	toleratedFailureCount: number;
	toleratedFailurePercentage?: number;
}

export async function mapLimits(ctx: StateContext<MapState>, input: unknown): Promise<MapLimits> {
	const {state} = ctx;
	const read = async (literal: number | string | undefined, path: string | undefined, name: string): Promise<number | undefined> => {
		if (typeof literal === 'string') {
			const value = await evaluateTemplate(literal, jsonataScope(ctx), name);
			if (typeof value !== 'number' || !Number.isInteger(value)) {
				throw new EvaluationError(
					ErrorName.QueryEvaluationError,
					`The JSONata expression '${literal}' specified for the field '${name}' returned an unexpected result type. Expected 'integer', but was '${typeof value}' for value: ${JSON.stringify(value)}`,
				);
			}
			return value;
		}
		if (literal !== undefined) return literal;
		if (path === undefined) return undefined;
		const found = readPath(ctx, path, input);
		// AWS reads these paths leniently: a numeric string such as "1" counts as its number.
		const value = typeof found === 'string' && /^-?\d+(\.\d+)?$/.test(found.trim()) ? Number(found) : found;
		const valid = name === 'ToleratedFailurePercentage' ? typeof value === 'number' : Number.isInteger(value);
		if (!valid) {
			const shown = typeof value === 'string' ? value : JSON.stringify(value);
			throw new EvaluationError(ErrorName.Runtime, `The ${name}Path field refers to value "${shown}" which is not a valid integer: ${path}`);
		}
		return value as number;
	};
	const maxConcurrency = (await read(state.MaxConcurrency, state.MaxConcurrencyPath, 'MaxConcurrency')) ?? 0;
	const count = await read(state.ToleratedFailureCount, state.ToleratedFailureCountPath, 'ToleratedFailureCount');
	const percentage = await read(state.ToleratedFailurePercentage, state.ToleratedFailurePercentagePath, 'ToleratedFailurePercentage');
	if (maxConcurrency < 0) throw new EvaluationError(ErrorName.Runtime, 'MaxConcurrency cannot be negative.');
	if (count !== undefined && count < 0) throw new EvaluationError(ErrorName.Runtime, 'ToleratedFailureCount cannot be negative.');
	if (percentage !== undefined && (percentage < 0 || percentage > 100)) {
		throw new EvaluationError(ErrorName.Runtime, 'ToleratedFailurePercentage must be between 0 and 100.');
	}
	return {maxConcurrency, toleratedFailureCount: count ?? 0, toleratedFailurePercentage: percentage};
}
