/**
 * The shape every intrinsic function implements: its name, how many arguments
 * it takes, and what it does with their values. The evaluator checks the count
 * and resolves the arguments before `run` is called.
 */
import type {IntrinsicNode} from '../ast.js';

export interface FunctionCall {
	/** The function's name, for its error messages. */
	readonly name: string;
	/** The argument values, paths and nested calls already resolved. */
	readonly args: readonly unknown[];
	/** The argument nodes as written, for functions that care how a value was given. */
	readonly nodes: readonly IntrinsicNode[];
}

export interface IntrinsicFunction {
	readonly name: string;
	readonly minArgs: number;
	readonly maxArgs: number;
	/** Returns the result or throws FunctionFailure. */
	run(call: FunctionCall): unknown;
}
