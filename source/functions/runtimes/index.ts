/**
 * Runtimes behind one interface: `createRuntimePool` picks the machinery for the
 * function's runtime (worker threads for Node, Runtime API processes otherwise).
 */
import {NodePool} from './node/nodePool.js';
import {ProcessPool} from './runtimeApi/processPool.js';
import {runtimeFamily, RuntimeFamily} from './runtimeFamily.js';
import type {RuntimePool, RuntimePoolSpec} from './runtimeTypes.js';

export type {InvokeOutcome, InvokeRequest, RuntimePool, RuntimePoolSpec} from './runtimeTypes.js';
export {lambdaEnvironment} from './lambdaEnvironment.js';
export {runtimeFamily, RuntimeFamily} from './runtimeFamily.js';

export function createRuntimePool(spec: RuntimePoolSpec): RuntimePool {
	const family = runtimeFamily(spec.fn.runtime);
	if (family === RuntimeFamily.Node) return new NodePool(spec);
	if (family === RuntimeFamily.Python || family === RuntimeFamily.Provided) return new ProcessPool(spec);
	throw new Error(`stratus does not run the ${spec.fn.runtime} runtime (Node.js, Python and provided runtimes are supported)`);
}
