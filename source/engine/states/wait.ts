/**
 * Wait: sleeps on the execution's clock (virtual under --time-skip) for Seconds or
 * until a Timestamp, read literally, from a path, or from a JSONata expression.
 */
import type {WaitState} from '../../asl/definition.js';
import {ErrorName, EvaluationError} from '../../asl/statesError.js';
import {timestampMillis as parseTimestamp} from '../../asl/timestamp.js';
import {
	applyInputPath,
	applyOutputPath,
	evaluateJsonataAssign,
	evaluateJsonataOutput,
	evaluateJsonPathAssign,
	evaluateTypedField,
	jsonataScope,
	readPath,
} from '../dataFlow.js';
import {type StateContext, type StateOutcome} from '../stateContext.js';

export async function runWait(ctx: StateContext<WaitState>): Promise<StateOutcome> {
	const {state} = ctx;
	const clock = ctx.frame.run.clock;
	if (ctx.queryLanguage === 'JSONata') {
		const scope = jsonataScope(ctx);
		const until = ctx.resume?.sleepUntil ?? (await jsonataDeadline(ctx, scope));
		ctx.frame.position!.sleepUntil = until;
		await clock.sleepUntil(until, ctx.frame.signal);
		const assigned = await evaluateJsonataAssign(ctx, state.Assign, scope);
		return {output: await evaluateJsonataOutput(state.Output, scope, ctx.input), next: state.Next, assigned};
	}
	const effective = applyInputPath(ctx, ctx.input, state.InputPath);
	const until = ctx.resume?.sleepUntil ?? jsonPathDeadline(ctx, effective);
	// Persisted with the next checkpoint, so a restart sleeps only for what is left.
	ctx.frame.position!.sleepUntil = until;
	await clock.sleepUntil(until, ctx.frame.signal);
	const assigned = evaluateJsonPathAssign(ctx, state.Assign, effective);
	return {output: applyOutputPath(ctx, effective, state.OutputPath), next: state.Next, assigned};
}

function jsonPathDeadline(ctx: StateContext<WaitState>, input: unknown): number {
	const {state} = ctx;
	const start = ctx.frame.run.clock.now();
	if (typeof state.Seconds === 'number') return start + state.Seconds * 1000;
	if (state.Timestamp !== undefined) return parseTimestamp(state.Timestamp)!;
	const path = (state.SecondsPath ?? state.TimestampPath)!;
	const value = readPath(ctx, path, input);
	if (state.SecondsPath !== undefined) {
		if (typeof value !== 'number' || !Number.isInteger(value)) {
			throw new EvaluationError(ErrorName.Runtime, `The SecondsPath parameter cannot be parsed as a long value: ${path} == ${render(value)}`);
		}
		if (value < 0) {
			throw new EvaluationError(ErrorName.Runtime, `The SecondsPath parameter references a negative value: ${path} == ${render(value)}`);
		}
		return start + value * 1000;
	}
	const at = typeof value === 'string' ? parseTimestamp(value) : undefined;
	if (at === undefined) {
		throw new EvaluationError(
			ErrorName.Runtime,
			`The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${render(value)}`,
		);
	}
	return at;
}

async function jsonataDeadline(ctx: StateContext<WaitState>, scope: ReturnType<typeof jsonataScope>): Promise<number> {
	const {state} = ctx;
	const start = ctx.frame.run.clock.now();
	if (state.Seconds !== undefined) {
		const seconds = await evaluateTypedField(state.Seconds, scope, 'Seconds', 'integer');
		return start + Math.max(0, seconds) * 1000;
	}
	const timestamp = await evaluateTypedField(state.Timestamp, scope, 'Timestamp', 'string');
	const at = parseTimestamp(timestamp);
	if (at === undefined) {
		throw new EvaluationError(
			ErrorName.QueryEvaluationError,
			`The JSONata expression '${String(state.Timestamp)}' specified for the field 'Timestamp' returned a string that is not an ISO-8601 extended offset date-time: ${timestamp}`,
		);
	}
	return at;
}

function render(value: unknown): string {
	return typeof value === 'string' ? value : JSON.stringify(value);
}
