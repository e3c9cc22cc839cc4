/**
 * What a state handler gets: the state, its raw input, where it was entered, and
 * the frame it runs in. Handlers are pure over this plus the services.
 */
import type {QueryLanguage, State} from '../asl/definition.js';
import type {Bindings, VariableScope} from '../asl/variables.js';
import type {Frame} from './execution.js';
import type {ThreadPosition} from './threadPosition.js';

export interface StateContext<S extends State = State> {
	frame: Frame;
	name: string;
	state: S;
	/** The state's raw input, before InputPath. */
	input: unknown;
	enteredEventId: number;
	/** What StateEntered chained to (AWS chains an EvaluationFailed event there too). */
	enteredPreviousEventId: number;
	enteredTime: number;
	queryLanguage: QueryLanguage;
	/** How many retries preceded this attempt (`$$.State.RetryCount`). */
	retryCount: number;
	taskToken?: string;
	/** Set when the state was already entered before a restart: handlers continue from it. */
	resume?: ThreadPosition;
	/**
	 * Set by Map and Parallel before they throw: records their *StateFailed once the
	 * interpreter knows no retry follows (AWS records it only then).
	 */
	onFinalFailure?: () => void;
}

export interface StateOutcome {
	output: unknown;
	/** Absent when the state ends its branch. */
	next?: string;
	/** Variables to assign once the state completes (shown in StateExited). */
	assigned?: Record<string, unknown>;
}

export function contextObject(ctx: StateContext): Record<string, unknown> {
	const hasRetry = 'Retry' in ctx.state || ctx.state.Type === 'Task';
	return ctx.frame.run.contextObject(ctx.frame, ctx.name, ctx.enteredTime, hasRetry ? ctx.retryCount : undefined, ctx.taskToken);
}

/**
 * `$$` is built when a path first reads it: most states never do, and building it
 * (the entered time as ISO text above all) was the largest cost of a plain Pass.
 * Bindings are consumed in the same synchronous step they are made, so the
 * context reads the same state, retry count and token either way.
 */
export function jsonPathBindings(ctx: StateContext, input: unknown): Bindings {
	return new StateBindings(ctx, input);
}

/**
 * A class, not a literal with a getter (V8 builds those slowly on every call).
 * Its `context` lives on the prototype: pass the instance on, never a spread copy.
 */
class StateBindings implements Bindings {
	readonly variables: VariableScope;
	private built?: Record<string, unknown>;

	constructor(
		private readonly ctx: StateContext,
		readonly input: unknown,
	) {
		this.variables = ctx.frame.variables;
	}

	get context(): Record<string, unknown> {
		return (this.built ??= contextObject(this.ctx));
	}
}
