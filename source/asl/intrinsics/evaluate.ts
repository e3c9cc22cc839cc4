/**
 * Evaluates a parsed intrinsic call: checks the argument count, resolves path
 * arguments and nested calls left to right, then runs the function.
 *
 * Every failure becomes an EvaluationError named States.Runtime. The ASL spec
 * names States.IntrinsicFailure, but AWS's service reports intrinsic failures
 * as States.Runtime with a cause such as "There was an error while evaluating
 * the intrinsic function: States.MathAdd($.a, 1). Invalid arguments in
 * States.MathAdd" (seen in executions recorded against AWS), so Retry and Catch
 * written for AWS match here too.
 */
import {NodeKind, type CallNode, type IntrinsicNode, type PathNode} from './ast.js';
import {FunctionFailure, invalidArguments} from './functionFailure.js';
import {intrinsicFunctions} from './functions/registry.js';
import {compilePath, lookupPath} from '../jsonPath.js';
import {ErrorName, EvaluationError} from '../statesError.js';
import type {Bindings} from '../variables.js';

export const INTRINSIC_ERROR = ErrorName.Runtime;

export function evaluateCall(call: CallNode, bindings: Bindings): unknown {
	const fn = intrinsicFunctions.get(call.name);
	if (!fn) throw failure(call, `${call.name} is not an intrinsic function`);
	if (call.args.length < fn.minArgs || call.args.length > fn.maxArgs) {
		throw failure(call, invalidArguments(call.name).message);
	}
	const args = call.args.map(arg => evaluateArgument(arg, call, bindings));
	try {
		return fn.run({name: call.name, args, nodes: call.args});
	} catch (error) {
		if (error instanceof FunctionFailure) throw failure(call, error.message);
		throw error;
	}
}

function evaluateArgument(node: IntrinsicNode, call: CallNode, bindings: Bindings): unknown {
	switch (node.kind) {
		case NodeKind.Call:
			return evaluateCall(node, bindings);
		case NodeKind.Path:
			return resolvePath(node, call, bindings);
		case NodeKind.String:
		case NodeKind.Number:
		case NodeKind.Boolean:
			return node.value;
		case NodeKind.Null:
			return null;
	}
}

function resolvePath(node: PathNode, call: CallNode, bindings: Bindings): unknown {
	const found = lookupPath(node.path, bindings);
	if (found.found) return found.value;
	const path = compilePath(node.path);
	if (path.root === 'variable' && !bindings.variables.has(path.variable!)) throw failure(call, found.reason);
	const [where, root] =
		path.root === 'context'
			? ['context object', bindings.context]
			: path.root === 'variable'
				? [`variable '$${path.variable}'`, bindings.variables.get(path.variable!)]
				: ['input', bindings.input];
	throw failure(
		call,
		`The JsonPath argument for the field '${node.path}' could not be found in the ${where} '${JSON.stringify(root) ?? 'null'}'`,
	);
}

function failure(call: CallNode, detail: string): EvaluationError {
	return new EvaluationError(
		INTRINSIC_ERROR,
		`There was an error while evaluating the intrinsic function: ${call.source}. ${detail}`,
	);
}
