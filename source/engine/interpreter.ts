/**
 * The interpreter: walks a machine (or a branch, or a Map's processor) state by
 * state, records Entered/Exited events, and applies Retry and Catch. Each state
 * type lives in its own module under states/; this loop knows none of them.
 */
import {queryLanguageOf, type State, type StateMachineDefinition} from '../asl/definition.js';
import {findCatcher, findRetrier, isTerminalError, maxAttempts, retryDelayMs} from '../asl/retryPolicy.js';
import {EvaluationError, StatesError, toStatesError} from '../asl/statesError.js';
import {applyCatch} from './catchOutput.js';
import type {Frame} from './execution.js';
import {payloadDetails} from './historyEvent.js';
import {stateHandlers} from './states/index.js';
import type {StateContext, StateOutcome} from './stateContext.js';

export async function runStates(frame: Frame, definition: StateMachineDefinition, input: unknown): Promise<unknown> {
	const inherited = frame.queryLanguage;
	if (definition.QueryLanguage) frame.queryLanguage = definition.QueryLanguage;
	try {
		let name = definition.StartAt;
		let value = input;
		for (;;) {
			if (frame.signal.aborted) throw frame.signal.reason;
			const outcome = await executeState(frame, name, definition.States[name], value);
			if (outcome.next === undefined) return outcome.output;
			name = outcome.next;
			value = outcome.output;
		}
	} finally {
		frame.queryLanguage = inherited;
	}
}

async function executeState(frame: Frame, name: string, state: State, input: unknown): Promise<StateOutcome> {
	const {run} = frame;
	const enteredEventId = run.history.record(frame, `${state.Type}StateEntered`, {name, ...payloadDetails('input', input)});
	const ctx: StateContext = {
		frame,
		name,
		state,
		input,
		enteredEventId,
		enteredTime: run.clock.now(),
		queryLanguage: queryLanguageOf(state, frame.queryLanguage),
		retryCount: 0,
	};
	const outcome = await attempt(ctx);
	if (outcome.assigned) frame.variables.assign(outcome.assigned);
	if (state.Type !== 'Fail') {
		const details: Record<string, unknown> = {name, ...payloadDetails('output', outcome.output)};
		if (outcome.assigned) {
			details.assignedVariables = Object.fromEntries(Object.entries(outcome.assigned).map(([k, v]) => [k, JSON.stringify(v)]));
			details.assignedVariablesDetails = {truncated: false};
		}
		run.history.record(frame, `${state.Type}StateExited`, details);
	}
	return outcome;
}

/** Runs the handler, retrying and catching as the state's Retry/Catch say. */
async function attempt(ctx: StateContext): Promise<StateOutcome> {
	const handler = stateHandlers[ctx.state.Type];
	const retriers = 'Retry' in ctx.state ? ctx.state.Retry : undefined;
	const catchers = 'Catch' in ctx.state ? ctx.state.Catch : undefined;
	const attemptsPerRetrier = retriers ? retriers.map(() => 0) : [];
	for (;;) {
		try {
			return await handler(ctx);
		} catch (thrown) {
			if (ctx.frame.signal.aborted) throw ctx.frame.signal.reason;
			const error = locate(ctx, toStatesError(thrown));
			if (isTerminalError(error.error)) throw error;
			const r = findRetrier(retriers, error.error);
			if (r >= 0 && attemptsPerRetrier[r] < maxAttempts(retriers![r])) {
				const delay = retryDelayMs(retriers![r], attemptsPerRetrier[r]);
				attemptsPerRetrier[r]++;
				ctx.retryCount++;
				await ctx.frame.run.clock.sleepUntil(ctx.frame.run.clock.now() + delay, ctx.frame.signal);
				continue;
			}
			const catcher = findCatcher(catchers, error.error);
			if (catcher) return applyCatch(ctx, catcher, error);
			throw error;
		}
	}
}

/** Field evaluation failures get AWS's "which state, which event" prefix once. */
export function locate(ctx: StateContext, error: StatesError): StatesError {
	if (!(error instanceof EvaluationError)) return error;
	return new StatesError(
		error.error,
		`An error occurred while executing the state '${ctx.name}' (entered at the event id #${ctx.enteredEventId}). ${error.cause}`,
		error.origin,
	);
}
