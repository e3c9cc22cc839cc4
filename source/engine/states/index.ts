/** One handler per state type; the interpreter dispatches on `Type`. */
import type {State, StateType} from '../../asl/definition.js';
import type {StateContext, StateOutcome} from '../stateContext.js';
import {runChoice} from './choice.js';
import {runFail} from './fail.js';
import {runMap} from './map.js';
import {runParallel} from './parallel.js';
import {runPass} from './pass.js';
import {runSucceed} from './succeed.js';
import {runTask} from './task.js';
import {runWait} from './wait.js';

/** Synchronous when the state needs no I/O (JSONPath Pass, Choice, Succeed): the interpreter then takes no promise turn for it. */
type Handler = (ctx: StateContext<any>) => StateOutcome | Promise<StateOutcome>;

export const stateHandlers: Record<StateType, Handler> = {
	Pass: runPass,
	Task: runTask,
	Choice: runChoice,
	Wait: runWait,
	Succeed: runSucceed,
	Fail: runFail,
	Parallel: runParallel,
	Map: runMap,
};

export type {State};
