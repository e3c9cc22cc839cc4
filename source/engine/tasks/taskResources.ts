/**
 * Task resources: what a Task state's `Resource` reaches. Each integration
 * records its own history events (LambdaFunctionScheduled, TaskScheduled, ...)
 * and returns the task's result or throws a StatesError.
 */
import type {TaskState} from '../../asl/definition.js';
import type {StateContext} from '../stateContext.js';

export interface TaskCall {
	ctx: StateContext<TaskState>;
	resource: string;
	/** The effective parameters: Parameters (JSONPath) or Arguments (JSONata), else the input. */
	payload: unknown;
	timeoutSeconds?: number;
	heartbeatSeconds?: number;
	signal: AbortSignal;
}

export interface TaskIntegration {
	/** Whether this integration serves the resource ARN. */
	matches(resource: string): boolean;
	run(call: TaskCall): Promise<unknown>;
}

export interface TaskResources {
	run(call: TaskCall): Promise<unknown>;
}
