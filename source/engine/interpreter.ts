/**
 * The interpreter: walks a machine (or a branch, or a Map's processor) state by
 * state, records Entered/Exited events, and applies Retry and Catch. Each state
 * type lives in its own module under states/; this loop knows none of them.
 *
 * Every step updates the frame's position (plain data), so a checkpoint taken
 * with any history batch says exactly where each thread stands, and
 * `runStates(..., resume)` continues from there after a restart.
 */
import {queryLanguageOf, type State, type StateMachineDefinition} from '../asl/definition.js';
import {findCatcher, findRetrier, isTerminalError, maxAttempts, retryDelayMs} from '../asl/retryPolicy.js';
import {ErrorName, EvaluationError, StatesError, toStatesError} from '../asl/statesError.js';
import {applyCatch} from './catchOutput.js';
import type {Frame} from './execution.js';
import {stateEnteredDetails, stateEnteredType, stateExitedDetails, stateExitedType} from './historyEvent.js';
import {stateHandlers} from './states/index.js';
import type {StateContext, StateOutcome} from './stateContext.js';
import type {ThreadPosition} from './threadPosition.js';

/** Yield to the event loop this often, so timers, I/O and the TUI keep up with a hot loop. */
const YIELD_EVERY_TRANSITIONS = 1000;

export async function runStates(frame: Frame, definition: StateMachineDefinition, input: unknown, resume?: ThreadPosition): Promise<unknown> {
	const inherited = frame.queryLanguage;
	if (definition.QueryLanguage) frame.queryLanguage = definition.QueryLanguage;
	try {
		let name = resume ? resume.state : definition.StartAt;
		let value = resume ? resume.input : input;
		let resumed = resume?.entered ? resume : undefined;
		if (!resumed) frame.position = {state: name, input: value, entered: false};
		for (;;) {
			if (frame.signal.aborted) throw frame.signal.reason;
			if (++frame.run.transitions % YIELD_EVERY_TRANSITIONS === 0) await new Promise(setImmediate);
			const step = executeState(frame, name, definition.States[name], value, resumed);
			// A synchronous state costs the top-level thread no promise turn; Parallel branches and Map
			// iterations still take one per state, so concurrent threads keep interleaving state by state.
			const outcome = step instanceof Promise || frame !== frame.run.root ? await step : step;
			resumed = undefined;
			if (outcome.next === undefined) return outcome.output;
			name = outcome.next;
			value = outcome.output;
		}
	} finally {
		frame.queryLanguage = inherited;
		frame.position = undefined;
		frame.children = undefined;
	}
}

function executeState(
	frame: Frame,
	name: string,
	state: State,
	input: unknown,
	resumed: ThreadPosition | undefined,
): StateOutcome | Promise<StateOutcome> {
	const {run} = frame;
	const {history} = run;
	const enteredPreviousEventId = resumed ? (resumed.enteredEventId ?? 1) - 1 : frame.previousEventId;
	const enteredEventId =
		resumed?.enteredEventId ?? history.record(frame, stateEnteredType(state.Type), history.keeps(frame) ? stateEnteredDetails(name, input) : undefined);
	const enteredTime = resumed?.enteredTime ?? run.clock.now();
	frame.position = {
		state: name,
		input,
		entered: true,
		enteredEventId,
		enteredTime,
		retryCount: resumed?.retryCount ?? 0,
		attemptsPerRetrier: resumed?.attemptsPerRetrier,
		sleepUntil: resumed?.sleepUntil,
		taskToken: resumed?.taskToken,
		childExecutionArn: resumed?.childExecutionArn,
	};
	const ctx: StateContext = {
		frame,
		name,
		state,
		input,
		enteredEventId,
		enteredPreviousEventId,
		enteredTime,
		queryLanguage: queryLanguageOf(state, frame.queryLanguage),
		retryCount: resumed?.retryCount ?? 0,
		resume: resumed,
	};
	const attempted = attempt(ctx);
	return attempted instanceof Promise ? attempted.then(outcome => exitState(frame, name, state, outcome)) : exitState(frame, name, state, attempted);
}

function exitState(frame: Frame, name: string, state: State, outcome: StateOutcome): StateOutcome {
	const {history} = frame.run;
	frame.children = undefined;
	if (outcome.assigned) frame.variables.assign(outcome.assigned);
	if (state.Type !== 'Fail') {
		let details: Record<string, unknown> | undefined;
		if (history.keeps(frame)) {
			details = stateExitedDetails(name, outcome.output);
			if (outcome.assigned) {
				details.assignedVariables = Object.fromEntries(Object.entries(outcome.assigned).map(([k, v]) => [k, JSON.stringify(v)]));
				details.assignedVariablesDetails = {truncated: false};
			}
		}
		history.record(frame, stateExitedType(state.Type), details);
	}
	// In the same synchronous step as the Exited event: a checkpoint never sees one without the other.
	if (outcome.next !== undefined) frame.position = {state: outcome.next, input: outcome.output, entered: false};
	return outcome;
}

/**
 * Runs the handler; a synchronous handler that succeeds returns its outcome as is,
 * anything else goes through the retry loop.
 */
function attempt(ctx: StateContext): StateOutcome | Promise<StateOutcome> {
	// A retry back-off in progress when the engine stopped is waited out by the loop first.
	if (ctx.frame.position!.sleepUntil !== undefined && ctx.state.Type !== 'Wait') return attemptWithRetries(ctx);
	let first: StateOutcome | Promise<StateOutcome>;
	try {
		first = stateHandlers[ctx.state.Type](ctx);
	} catch (thrown) {
		first = Promise.reject(thrown);
	}
	return first instanceof Promise ? attemptWithRetries(ctx, first) : first;
}

/** Retries and catches as the state's Retry/Catch say; `first` is the attempt already under way, if any. */
async function attemptWithRetries(ctx: StateContext, first?: Promise<StateOutcome>): Promise<StateOutcome> {
	const handler = stateHandlers[ctx.state.Type];
	const retriers = 'Retry' in ctx.state ? ctx.state.Retry : undefined;
	const catchers = 'Catch' in ctx.state ? ctx.state.Catch : undefined;
	const position = ctx.frame.position!;
	const attemptsPerRetrier = position.attemptsPerRetrier ?? (retriers ? retriers.map(() => 0) : []);
	const clock = ctx.frame.run.clock;
	for (;;) {
		if (position.sleepUntil !== undefined && ctx.state.Type !== 'Wait') {
			// A retry back-off in progress when the engine stopped.
			await clock.sleepUntil(position.sleepUntil, ctx.frame.signal);
			position.sleepUntil = undefined;
		}
		try {
			const pending = first ?? handler(ctx);
			first = undefined;
			return await pending;
		} catch (thrown) {
			if (ctx.frame.signal.aborted) throw ctx.frame.signal.reason;
			ctx.resume = undefined;
			ctx.frame.children = undefined;
			position.taskToken = undefined;
			position.childExecutionArn = undefined;
			const error = locate(ctx, toStatesError(thrown));
			let finalFailure = ctx.onFinalFailure;
			ctx.onFinalFailure = undefined;
			if (thrown instanceof EvaluationError && thrown.error === ErrorName.QueryEvaluationError) {
				finalFailure ??= recordEvaluationFailed(ctx, thrown, error);
			}
			if (isTerminalError(error.error)) {
				finalFailure?.();
				throw error;
			}
			const r = findRetrier(retriers, error.error);
			if (r >= 0 && attemptsPerRetrier[r] < maxAttempts(retriers![r])) {
				const delay = retryDelayMs(retriers![r], attemptsPerRetrier[r]);
				attemptsPerRetrier[r]++;
				ctx.retryCount++;
				position.retryCount = ctx.retryCount;
				position.attemptsPerRetrier = attemptsPerRetrier;
				position.sleepUntil = clock.now() + delay;
				continue;
			}
			finalFailure?.();
			const catcher = findCatcher(catchers, error.error);
			if (catcher) return applyCatch(ctx, catcher, error);
			throw error;
		}
	}
}

/**
 * A JSONata field that fails to evaluate is an EvaluationFailed event on AWS,
 * chained where the state's own Entered event was, and a Map or Parallel then
 * records its *StateFailed.
 */
function recordEvaluationFailed(ctx: StateContext, thrown: EvaluationError, error: StatesError): (() => void) | undefined {
	const {history} = ctx.frame.run;
	const details: Record<string, unknown> = {error: error.error, cause: error.cause};
	if (thrown.location) details.location = thrown.location;
	details.state = ctx.name;
	history.record(ctx.frame, 'EvaluationFailed', details, {previousEventId: ctx.enteredPreviousEventId});
	const type = ctx.state.Type;
	return type === 'Map' || type === 'Parallel' ? () => history.record(ctx.frame, `${type}StateFailed`) : undefined;
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
