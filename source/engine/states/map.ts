/**
 * Map: runs its item processor once per item (or per batch), at most
 * MaxConcurrency at a time, each iteration in its own frame. Inline maps record
 * MapIteration* events in the parent history; distributed maps run their
 * iterations as a map run, as AWS does, and record MapRun* events instead.
 */
import {itemProcessorOf, type MapState} from '../../asl/definition.js';
import {evaluateTemplate} from '../../asl/jsonata/index.js';
import {evaluatePayloadTemplate} from '../../asl/payloadTemplate.js';
import {ErrorName, EvaluationError, StatesError, toStatesError} from '../../asl/statesError.js';
import {errorOutput} from '../catchOutput.js';
import {
	applyInputPath,
	applyOutputPath,
	applyResultPath,
	applyTemplate,
	evaluateJsonataAssign,
	evaluateJsonataOutput,
	evaluateJsonPathAssign,
	evaluateTypedField,
	jsonataScope,
	readPath,
} from '../dataFlow.js';
import {childFrame, restoreFrame, type LiveChildren} from '../execution.js';
import {recordSucceeded} from './containerEvents.js';
import {runStates} from '../interpreter.js';
import {jsonPathBindings, type StateContext, type StateOutcome} from '../stateContext.js';
import {batchItems} from './mapBatches.js';
import {mapLimits, type MapLimits} from './mapLimits.js';

export async function runMap(ctx: StateContext<MapState>): Promise<StateOutcome> {
	const {state} = ctx;
	if (ctx.queryLanguage === 'JSONata') {
		const scope = jsonataScope(ctx);
		const items = state.Items === undefined ? ctx.input : await evaluateTypedField(state.Items, scope, 'Items', 'array');
		if (!Array.isArray(items)) {
			throw new EvaluationError(ErrorName.QueryEvaluationError, `Map state input must be an array but was: ${JSON.stringify(items)}`);
		}
		const limits = await mapLimits(ctx, ctx.input);
		const {ItemSelector} = state;
		const select: SelectItem | undefined =
			ItemSelector === undefined ? undefined : iterationCtx => evaluateTemplate(ItemSelector, {...jsonataScope(iterationCtx)}, 'ItemSelector');
		const result = await iterate(ctx, items, limits, select);
		const resultScope = jsonataScope(ctx, {result});
		const assigned = await evaluateJsonataAssign(ctx, state.Assign, resultScope);
		return {output: await evaluateJsonataOutput(state.Output, resultScope, result), next: state.Next, assigned};
	}
	const effective = applyInputPath(ctx, ctx.input, state.InputPath);
	const items = readItems(ctx, effective);
	const limits = await mapLimits(ctx, effective);
	const selector = state.ItemSelector ?? state.Parameters;
	const select: SelectItem | undefined =
		selector === undefined ? undefined : async iterationCtx => evaluatePayloadTemplate(selector, jsonPathBindings(iterationCtx, effective));
	const raw = await iterate(ctx, items, limits, select);
	const result = applyTemplate(ctx, state.ResultSelector, raw);
	const assigned = evaluateJsonPathAssign(ctx, state.Assign, result);
	const output = applyOutputPath(ctx, applyResultPath(ctx.input, state.ResultPath, result), state.OutputPath);
	return {output, next: state.Next, assigned};
}

function readItems(ctx: StateContext<MapState>, effective: unknown): unknown[] {
	const path = ctx.state.ItemsPath ?? '$';
	const items = readPath(ctx, path, effective);
	if (!Array.isArray(items)) {
		throw new EvaluationError(ErrorName.Runtime, `Map state input must be an array but was: ${JSON.stringify(items)}`);
	}
	return items;
}

/** ItemSelector/Parameters for one item; absent when the items go in as they are. */
type SelectItem = (iterationCtx: StateContext<MapState>) => Promise<unknown>;

async function iterate(ctx: StateContext<MapState>, items: unknown[], limits: MapLimits, select: SelectItem | undefined): Promise<unknown[]> {
	const {frame, state} = ctx;
	const {history} = frame.run;
	const distributed = itemProcessorOf(state).ProcessorConfig?.Mode === 'DISTRIBUTED';
	const processor = itemProcessorOf(state);
	// Item selection sees `$$.Map.Item`; it runs before the iteration's own frame exists.
	let inputs = items;
	if (select) {
		inputs = [];
		for (let index = 0; index < items.length; index++) {
			const itemCtx: StateContext<MapState> = {...ctx, frame: {...frame, mapItem: {index, value: items[index]}}};
			inputs.push(await select(itemCtx));
		}
	}
	const work = state.ItemBatcher ? await batchItems(ctx, inputs) : inputs;

	const resumed = ctx.resume?.children?.kind === 'map' ? ctx.resume.children : undefined;
	if (!resumed) {
		history.record(frame, 'MapStateStarted', {length: work.length});
		if (distributed) history.record(frame, 'MapRunStarted', {mapRunArn: mapRunArn(ctx)});
	}
	const live: LiveChildren & {kind: 'map'} = {
		kind: 'map',
		startedEventId: resumed?.startedEventId ?? frame.previousEventId,
		results: {...resumed?.results},
		failures: resumed?.failures ?? 0,
		running: new Map(),
		firstFailure: resumed?.firstFailure,
	};
	frame.children = live;
	const controller = new AbortController();
	const onParentAbort = () => controller.abort(frame.signal.reason);
	frame.signal.addEventListener('abort', onParentAbort, {once: true});

	let firstFailure: StatesError | undefined = live.firstFailure ? new StatesError(live.firstFailure.error, live.firstFailure.cause) : undefined;
	let thresholdExceeded = false;
	const tolerated = (count: number) =>
		count <= limits.toleratedFailureCount || (limits.toleratedFailurePercentage !== undefined && (count / work.length) * 100 <= limits.toleratedFailurePercentage);
	const iterationName = state.Label ?? ctx.name;

	// Iterations running at a restart continue first, then those not yet started, in order.
	const queue = [
		...Object.keys(resumed?.running ?? {}).map(Number),
		...work.map((_, i) => i).filter(i => !(i in live.results) && !(resumed && i in resumed.running)),
	];
	const runOne = async (index: number) => {
		const saved = resumed?.running[index];
		const iterationFrame = saved ? restoreFrame(frame.run, saved, frame, controller.signal) : childFrame(frame, controller.signal, {index, value: items[index]});
		if (distributed) iterationFrame.muted = true;
		// AWS chains an iteration to whatever the map recorded last (the previous iteration's last state event).
		if (!saved) history.record(iterationFrame, 'MapIterationStarted', {name: iterationName, index});
		live.running.set(index, iterationFrame);
		try {
			const output = await runStates(iterationFrame, processor, work[index], saved?.position);
			live.running.delete(index);
			live.results[index] = output;
			history.record(iterationFrame, 'MapIterationSucceeded', {name: iterationName, index}, {advance: false});
			if (!distributed) frame.previousEventId = iterationFrame.previousEventId;
		} catch (e) {
			live.running.delete(index);
			if (controller.signal.aborted) {
				history.record(iterationFrame, 'MapIterationAborted', {name: iterationName, index}, {advance: false});
				return;
			}
			const error = toStatesError(e);
			history.record(iterationFrame, 'MapIterationFailed', {name: iterationName, index}, {advance: false});
			if (!distributed && !firstFailure) frame.previousEventId = iterationFrame.previousEventId;
			live.failures++;
			live.results[index] = errorOutput(error);
			if (!firstFailure) {
				firstFailure = error;
				live.firstFailure = {error: error.error, cause: error.cause};
			}
			if (!distributed || !tolerated(live.failures) || error.error === ErrorName.Runtime) {
				thresholdExceeded = distributed && error.error !== ErrorName.Runtime;
				controller.abort(error);
			}
		}
	};
	const concurrency = limits.maxConcurrency > 0 ? limits.maxConcurrency : queue.length;
	const workers = Array.from({length: Math.min(concurrency, queue.length)}, async () => {
		while (queue.length > 0 && !controller.signal.aborted) await runOne(queue.shift()!);
	});
	try {
		await Promise.all(workers);
	} finally {
		frame.signal.removeEventListener('abort', onParentAbort);
	}
	if (frame.signal.aborted) {
		history.record(frame, 'MapStateAborted');
		throw frame.signal.reason;
	}
	if (controller.signal.aborted && firstFailure) {
		if (distributed) history.record(frame, 'MapRunFailed', {});
		// Recorded only when no retry of the Map follows, as AWS does.
		ctx.onFinalFailure = () => history.record(frame, 'MapStateFailed');
		if (thresholdExceeded && firstFailure.error !== ErrorName.Runtime) {
			throw new StatesError(ErrorName.ExceedToleratedFailureThreshold, 'The specified tolerated failure threshold was exceeded');
		}
		throw firstFailure;
	}
	if (distributed) history.record(frame, 'MapRunSucceeded');
	recordSucceeded(frame, 'MapStateSucceeded');
	return work.map((_, i) => live.results[i]);
}

function mapRunArn(ctx: StateContext<MapState>): string {
	const {identity} = ctx.frame.run;
	const machine = identity.stateMachineArn.replace(':stateMachine:', ':mapRun:');
	return `${machine}/${ctx.state.Label ?? ctx.name}:${identity.name}`;
}

