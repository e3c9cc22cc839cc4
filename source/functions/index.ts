/**
 * Lambda, locally: the function service (invoke, versions, aliases, async queue),
 * its errors, and the read side the CLI and TUI use.
 */
export {FunctionService, InvocationType, limits} from './functionService.js';
export type {AliasInfo, AliasInput, FunctionServiceOptions, FunctionVersionInfo, InvokeInput, InvokeResult} from './functionService.js';
export {LambdaErrorCode, LambdaServiceError, ThrottleReason} from './lambdaServiceError.js';
export {cost, defaultPrices, parsePrices, type Prices} from './billing.js';
export {functionLogs, functionStats, invocationLogs, listInvocations} from '../store/functionsQueries.js';
export type {FunctionStats, InvocationSummary, LogChunk} from '../store/functionsQueries.js';
export {createRuntimePool} from './runtimes/index.js';
export type {InvokeOutcome, InvokeRequest, RuntimePool} from './runtimes/index.js';
