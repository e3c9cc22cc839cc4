/**
 * Parallel: runs every branch on the same input, each in its own frame and
 * variable scope; the result is the array of branch outputs. The first branch
 * to fail stops the others and fails the state with that branch's error.
 */
import type {ParallelState} from '../../asl/definition.js';
import {evaluateTemplate} from '../../asl/jsonata/index.js';
import {toStatesError} from '../../asl/statesError.js';
import {
	applyInputPath,
	applyOutputPath,
	applyResultPath,
	applyTemplate,
	evaluateJsonataAssign,
	evaluateJsonataOutput,
	evaluateJsonPathAssign,
	jsonataScope,
} from '../dataFlow.js';
import {childFrame, restoreFrame, type LiveChildren} from '../execution.js';
import {runStates} from '../interpreter.js';
import {recordSucceeded} from './containerEvents.js';
import type {StateContext, StateOutcome} from '../stateContext.js';

export async function runParallel(ctx: StateContext<ParallelState>): Promise<StateOutcome> {
	const {state} = ctx;
	if (ctx.queryLanguage === 'JSONata') {
		const scope = jsonataScope(ctx);
		const branchInput = state.Arguments === undefined ? ctx.input : await evaluateTemplate(state.Arguments, scope, 'Arguments');
		const result = await runBranches(ctx, branchInput);
		const resultScope = jsonataScope(ctx, {result});
		const assigned = await evaluateJsonataAssign(ctx, state.Assign, resultScope);
		return {output: await evaluateJsonataOutput(state.Output, resultScope, result), next: state.Next, assigned};
	}
	const effective = applyInputPath(ctx, ctx.input, state.InputPath);
	const branchInput = applyTemplate(ctx, state.Parameters, effective);
	const raw = await runBranches(ctx, branchInput);
	const result = applyTemplate(ctx, state.ResultSelector, raw);
	const assigned = evaluateJsonPathAssign(ctx, state.Assign, result);
	const output = applyOutputPath(ctx, applyResultPath(ctx.input, state.ResultPath, result), state.OutputPath);
	return {output, next: state.Next, assigned};
}

async function runBranches(ctx: StateContext<ParallelState>, input: unknown): Promise<unknown[]> {
	const {frame} = ctx;
	const {run} = frame;
	const resumed = ctx.resume?.children?.kind === 'parallel' ? ctx.resume.children : undefined;
	if (!resumed) run.history.record(frame, 'ParallelStateStarted');
	const controller = new AbortController();
	const onParentAbort = () => controller.abort(frame.signal.reason);
	frame.signal.addEventListener('abort', onParentAbort, {once: true});
	const startedId = resumed?.startedEventId ?? frame.previousEventId;
	let failedBranchLastEvent: number | undefined;
	const live: LiveChildren & {kind: 'parallel'} = {
		kind: 'parallel',
		startedEventId: startedId,
		branches: ctx.state.Branches.map((_, i) => {
			const saved = resumed?.branches[i];
			return saved?.done ? saved : {done: false};
		}),
	};
	frame.children = live;
	let firstFailure: unknown;
	try {
		// Settle every branch before reporting, so no branch records events after the state's outcome.
		await Promise.allSettled(
			ctx.state.Branches.map(async (branch, i) => {
				const slot = live.branches[i];
				if (slot.done) return;
				const saved = resumed?.branches[i];
				const thread = saved && !saved.done ? saved.thread : undefined;
				const branchFrame = thread ? restoreFrame(run, thread, frame, controller.signal) : childFrame(frame, controller.signal);
				if (!thread) branchFrame.previousEventId = startedId;
				slot.frame = branchFrame;
				try {
					const output = await runStates(branchFrame, branch, input, thread?.position);
					live.branches[i] = {done: true, output};
				} catch (e) {
					if (firstFailure === undefined && !frame.signal.aborted) {
						firstFailure = e;
						failedBranchLastEvent = branchFrame.previousEventId;
						controller.abort(e);
					}
				}
			}),
		);
		if (frame.signal.aborted) {
			run.history.record(frame, 'ParallelStateAborted');
			throw frame.signal.reason;
		}
		if (firstFailure !== undefined) {
			// AWS chains the failure to the failed branch's last event, and records it only when no retry follows.
			if (failedBranchLastEvent !== undefined) frame.previousEventId = failedBranchLastEvent;
			ctx.onFinalFailure = () => run.history.record(frame, 'ParallelStateFailed');
			throw toStatesError(firstFailure);
		}
		recordSucceeded(frame, 'ParallelStateSucceeded');
		return live.branches.map(b => (b as {output: unknown}).output);
	} finally {
		frame.signal.removeEventListener('abort', onParentAbort);
	}
}

