/**
 * ItemBatcher: groups items into `{Items: [...], ...BatchInput}` batches by
 * MaxItemsPerBatch and MaxInputBytesPerBatch (AWS caps a batch at 256 KiB).
 */
import type {MapState} from '../../asl/definition.js';
import {evaluateTemplate} from '../../asl/jsonata/index.js';
import {lookupPath} from '../../asl/jsonPath.js';
import {evaluatePayloadTemplate} from '../../asl/payloadTemplate.js';
import {ErrorName, EvaluationError} from '../../asl/statesError.js';
import {jsonataScope} from '../dataFlow.js';
import {jsonPathBindings, type StateContext} from '../stateContext.js';

const MAX_BATCH_BYTES = 256 * 1024;

export async function batchItems(ctx: StateContext<MapState>, items: unknown[]): Promise<unknown[]> {
	const batcher = ctx.state.ItemBatcher!;
	const jsonata = ctx.queryLanguage === 'JSONata';
	const bindings = jsonPathBindings(ctx, ctx.input);
	const read = async (literal: number | string | undefined, path: string | undefined, field: string) => {
		if (typeof literal === 'string') return (await evaluateTemplate(literal, jsonataScope(ctx), field)) as number;
		if (literal !== undefined) return literal;
		if (path === undefined) return undefined;
		const found = lookupPath(path, bindings);
		if (!found.found || typeof found.value !== 'number') {
			throw new EvaluationError(ErrorName.Runtime, `The ${field}Path field refers to an invalid value: ${path}`);
		}
		return found.value;
	};
	const maxItems = (await read(batcher.MaxItemsPerBatch, batcher.MaxItemsPerBatchPath, 'MaxItemsPerBatch')) ?? Infinity;
	const maxBytes = Math.min((await read(batcher.MaxInputBytesPerBatch, batcher.MaxInputBytesPerBatchPath, 'MaxInputBytesPerBatch')) ?? MAX_BATCH_BYTES, MAX_BATCH_BYTES);
	const batchInput =
		batcher.BatchInput === undefined
			? undefined
			: jsonata
				? await evaluateTemplate(batcher.BatchInput, jsonataScope(ctx), 'BatchInput')
				: evaluatePayloadTemplate(batcher.BatchInput, bindings);
	const batches: unknown[] = [];
	let current: unknown[] = [];
	let bytes = 0;
	for (const item of items) {
		const size = Buffer.byteLength(JSON.stringify(item) ?? '');
		if (current.length > 0 && (current.length >= maxItems || bytes + size > maxBytes)) {
			batches.push(current);
			current = [];
			bytes = 0;
		}
		current.push(item);
		bytes += size;
	}
	if (current.length > 0) batches.push(current);
	return batches.map(batch => (batchInput === undefined ? {Items: batch} : {BatchInput: batchInput, Items: batch}));
}
