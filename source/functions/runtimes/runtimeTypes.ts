/**
 * The one interface every runtime family sits behind: a pool of warm execution
 * environments for one function version that runs one invocation per environment
 * at a time, growing when invocations overlap.
 */
import type {FunctionConfig} from '../../project/model.js';

export interface InvokeRequest {
	requestId: string;
	payload: Buffer;
	/** The payload as text when the caller already has it (saves decoding it again for a Node environment). */
	payloadText?: string;
	/** Epoch ms. A cold start moves it later by the init duration: init has its own limit, as on AWS. */
	deadlineMs: number;
	invokedFunctionArn: string;
	clientContext?: string;
}

/** How an execution environment's init phase ended (a worker thread or a Runtime API process alike). */
export interface InitResult {
	ok: boolean;
	errorPayload?: Buffer;
	errorType?: string;
	initDurationMs: number;
	initLogs: string;
}

export interface InvokeOutcome {
	ok: boolean;
	/** Raw response bytes; for errors the Lambda error JSON ({errorType, errorMessage, trace|stackTrace}). */
	payload: Buffer;
	errorType?: string;
	/** What the handler printed during this invocation. */
	logs: string;
	/** What the environment printed while initialising, on the invocation that started it (logged before START). */
	initLogs?: string;
	durationMs: number;
	initDurationMs?: number;
	maxMemoryUsedMB: number;
	timedOut: boolean;
}

export interface RuntimePool {
	invoke(req: InvokeRequest): Promise<InvokeOutcome>;
	dispose(): Promise<void>;
}

export interface RuntimePoolSpec {
	fn: FunctionConfig;
	version: string;
	/** Content folders of the function's layers, in the function's order. */
	layerDirs: string[];
	/** Lambda's reserved variables plus the function's own (see lambdaEnvironment). */
	env: Record<string, string>;
	/** Restart environments when the code changes on disk ($LATEST only; versions are frozen). */
	watch?: boolean;
}
