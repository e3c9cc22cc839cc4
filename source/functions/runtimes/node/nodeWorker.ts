/**
 * One Node.js execution environment, inside a worker thread: loads the handler once
 * (the init phase), then runs one invocation at a time the way AWS's Node runtime
 * does (async and callback handlers, the context object, console lines prefixed with
 * time, request id and level, errors as `{errorType, errorMessage, trace}`).
 *
 * Log text goes into a SharedArrayBuffer rather than into messages, so the main
 * thread can still read what a handler printed after killing it for a timeout.
 * This file imports only Node built-ins: it is loaded on its own in every worker.
 */
import {parentPort, workerData} from 'node:worker_threads';
import Module, {createRequire} from 'node:module';
import {readFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {pathToFileURL} from 'node:url';
import {format} from 'node:util';
import {getHeapStatistics} from 'node:v8';
import net from 'node:net';

export interface NodeWorkerData {
	/** The file to load (a compiled copy for TypeScript handlers). */
	handlerFile: string;
	moduleFormat: 'cjs' | 'esm';
	/** `handler`, or a dotted path such as `handlers.get`. */
	exportPath: string;
	/** The configured handler string, for error messages. */
	handlerString: string;
	functionName: string;
	functionVersion: string;
	memoryLimitInMB: number;
	logGroupName: string;
	logStreamName: string;
	sourceMaps: boolean;
	/** Shared log buffer: Int32 byte length, then UTF-8 text. */
	logBuffer: SharedArrayBuffer;
	/** A successful invocation's numbers, Float64 [durationMs, maxMemoryUsedMB] (see WorkerMessage). */
	resultBuffer: SharedArrayBuffer;
}

/**
 * main -> worker: one invocation. The invoked ARN is left out (undefined) when it is
 * the one this environment was last given: most invocations name the function alike.
 * The usual invocation (that ARN, no client context) travels as one string,
 * `<request id>\t<deadline ms>\t<payload>`: one string clones faster than an array
 * of the same fields (about 2 µs of CPU per invoke with 16 in flight, measured).
 */
export type InvokeMessage =
	| string
	| [requestId: string, payload: string, deadlineMs: number, invokedFunctionArn: string | undefined, clientContext: string | undefined];

/**
 * worker -> main. A successful invocation sends its response body alone, as a string,
 * with its duration and memory in the shared result buffer.
 */
export type WorkerMessage =
	| string
	| ['init', ok: boolean, errorPayload: string | undefined, errorType: string | undefined]
	| ['log', text: string]
	| ['done', ok: boolean, payload: string, errorType: string | undefined, durationMs: number, maxMemoryUsedMB: number, recycle: boolean];

const port = parentPort!;
const data = workerData as NodeWorkerData;
const logLength = new Int32Array(data.logBuffer, 0, 1);
const logBytes = new Uint8Array(data.logBuffer, 4);
const resultNumbers = new Float64Array(data.resultBuffer);
const encoder = new TextEncoder();

let requestId: string | undefined;
let finish: ((error: unknown, result: unknown, fatal?: boolean) => void) | undefined;
let maxMemoryMB = 0;

function appendLog(text: string): void {
	const used = logLength[0];
	const room = logBytes.length - used;
	if (text.length * 3 <= room) {
		logLength[0] = used + encoder.encodeInto(text, logBytes.subarray(used)).written;
		return;
	}
	// Too big for what is left of the shared buffer: hand everything so far to the main thread.
	const earlier = Buffer.from(logBytes.buffer, 4, used).toString('utf8');
	logLength[0] = 0;
	port.postMessage(['log', earlier + text] satisfies WorkerMessage);
}

function logLine(level: string, args: unknown[]): void {
	appendLog(`${new Date().toISOString()}\t${requestId}\t${level}\t${format(...args)}\n`);
}

function captureConsole(): void {
	console.log = (...args: unknown[]) => logLine('INFO', args);
	console.info = (...args: unknown[]) => logLine('INFO', args);
	console.warn = (...args: unknown[]) => logLine('WARN', args);
	console.error = (...args: unknown[]) => logLine('ERROR', args);
	console.debug = (...args: unknown[]) => logLine('DEBUG', args);
	console.trace = (...args: unknown[]) => {
		const stack = (new Error().stack ?? '').split('\n').slice(2).join('\n');
		logLine('TRACE', [`${format(...args)}\n${stack}`]);
	};
	const rawWrite = (chunk: unknown, encoding?: unknown, callback?: unknown) => {
		appendLog(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
		const done = typeof encoding === 'function' ? encoding : callback;
		if (typeof done === 'function') process.nextTick(done as () => void);
		return true;
	};
	process.stdout.write = rawWrite as typeof process.stdout.write;
	process.stderr.write = rawWrite as typeof process.stderr.write;
}

/** Lambda accepts no inbound connections and refuses outbound SMTP. */
function sandboxNetwork(): void {
	net.Server.prototype.listen = function listen(): never {
		const error = new Error('listen EACCES: permission denied (a Lambda function cannot accept inbound connections)') as NodeJS.ErrnoException;
		error.code = 'EACCES';
		error.syscall = 'listen';
		throw error;
	};
	const connect = net.Socket.prototype.connect;
	net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
		const first = Array.isArray(args[0]) ? args[0][0] : args[0];
		const port = first !== null && typeof first === 'object' ? (first as {port?: unknown}).port : first;
		if (Number(port) === 25) {
			const error = new Error('connect ECONNREFUSED: outbound connections on port 25 are blocked') as NodeJS.ErrnoException;
			error.code = 'ECONNREFUSED';
			error.syscall = 'connect';
			process.nextTick(() => this.destroy(error));
			return this;
		}
		return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
	} as typeof connect;
}

interface LambdaError {
	errorType: string;
	errorMessage: string;
	trace: string[];
}

/** What AWS's Node runtime sends for a thrown value. */
function toLambdaError(error: unknown): LambdaError {
	try {
		if (error instanceof Error || (error !== null && typeof error === 'object' && 'stack' in error && 'message' in error)) {
			const e = error as Error;
			return {errorType: e.name, errorMessage: e.message, trace: String(e.stack ?? '').split('\n')};
		}
		return {errorType: typeof error, errorMessage: String(error), trace: []};
	} catch {
		return {
			errorType: 'handled',
			errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
			trace: [],
		};
	}
}

function runtimeError(errorType: string, errorMessage: string): LambdaError {
	const stack = (new Error().stack ?? '').split('\n').slice(1);
	return {errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`, ...stack]};
}

function memoryUsedMB(): number {
	const heap = getHeapStatistics();
	const used = Math.ceil((heap.total_heap_size + heap.external_memory + heap.malloced_memory) / 1048576);
	if (used > maxMemoryMB) maxMemoryMB = used;
	return maxMemoryMB;
}

type Handler = (event: unknown, context: object, callback: (error?: unknown, result?: unknown) => void) => unknown;

function compileCommonJs(file: string): Record<string, unknown> {
	const ModuleClass = Module as unknown as {
		new (id: string): {filename: string; paths: string[]; exports: Record<string, unknown>; _compile(source: string, file: string): void};
		_nodeModulePaths(dir: string): string[];
	};
	const mod = new ModuleClass(file);
	mod.filename = file;
	mod.paths = ModuleClass._nodeModulePaths(dirname(file));
	mod._compile(readFileSync(file, 'utf8'), file);
	return mod.exports;
}

async function loadHandler(): Promise<Handler | LambdaError> {
	const require = createRequire(data.handlerFile);
	let mod: Record<string, unknown>;
	try {
		if (data.moduleFormat === 'esm') mod = await import(pathToFileURL(data.handlerFile).href);
		else {
			// Compiled as CommonJS whatever a package.json outside the code folder says: on
			// Lambda nothing outside /var/task exists, so the file is CommonJS there.
			mod = data.handlerFile.endsWith('.js') ? compileCommonJs(data.handlerFile) : require(data.handlerFile);
		}
	} catch (error) {
		const e = error as NodeJS.ErrnoException;
		if (e instanceof SyntaxError) return runtimeError('Runtime.UserCodeSyntaxError', `SyntaxError: ${e.message}`);
		if (e?.code === 'MODULE_NOT_FOUND' || e?.code === 'ERR_MODULE_NOT_FOUND') return runtimeError('Runtime.ImportModuleError', `Error: ${e.message}`);
		return toLambdaError(error);
	}
	const lookup = (root: unknown) => data.exportPath.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], root);
	let handler = lookup(mod);
	if (handler === undefined && mod.default !== undefined) handler = lookup(mod.default);
	if (handler === undefined) return runtimeError('Runtime.HandlerNotFound', `${data.handlerString} is undefined or not exported`);
	if (typeof handler !== 'function') return runtimeError('Runtime.HandlerNotFound', `${data.handlerString} is not a function`);
	return handler as Handler;
}

/**
 * `callbackWaitsForEmptyEventLoop`: the response of a callback handler waits until
 * the handler's own timers, sockets and requests are gone. The resources alive after
 * init (the message port, for one) are the baseline that does not count.
 */
let baseline = new Map<string, number>();

function resourceCounts(): Map<string, number> {
	const counts = new Map<string, number>();
	for (const name of process.getActiveResourcesInfo()) counts.set(name, (counts.get(name) ?? 0) + 1);
	return counts;
}

function eventLoopBusy(): boolean {
	for (const [name, count] of resourceCounts()) if (count > (baseline.get(name) ?? 0)) return true;
	return false;
}

function whenEventLoopEmpty(then: () => void): void {
	const poll = () => (eventLoopBusy() ? setTimeout(poll, 1).unref() : then());
	setImmediate(poll);
}

let lastInvokedArn = '';

function invoke(handler: Handler, message: InvokeMessage): void {
	let id: string, payload: string, deadlineMs: number, arn: string | undefined, clientContext: string | undefined;
	if (typeof message === 'string') {
		const first = message.indexOf('\t');
		const second = message.indexOf('\t', first + 1);
		id = message.slice(0, first);
		deadlineMs = Number(message.slice(first + 1, second));
		payload = message.slice(second + 1);
	} else [id, payload, deadlineMs, arn, clientContext] = message;
	const invokedFunctionArn = arn === undefined ? lastInvokedArn : (lastInvokedArn = arn);
	requestId = id;
	logLength[0] = 0;
	const start = performance.now();
	let settled = false;
	const settle = (error: unknown, result: unknown, recycle = false) => {
		if (settled) return;
		settled = true;
		finish = undefined;
		const durationMs = performance.now() - start;
		let ok = error === null || error === undefined;
		let body: string;
		let errorType: string | undefined;
		if (ok) {
			try {
				body = JSON.stringify(result === undefined ? null : result);
			} catch {
				ok = false;
				error = runtimeError('Error', 'Unable to stringify response body');
			}
		}
		if (!ok) {
			const lambdaError = isLambdaError(error) ? error : toLambdaError(error);
			errorType = lambdaError.errorType;
			body = JSON.stringify(lambdaError);
			logLine('ERROR', ['Invoke Error \t' + JSON.stringify({errorType: lambdaError.errorType, errorMessage: lambdaError.errorMessage, stack: lambdaError.trace})]);
		}
		if (ok && !recycle) {
			resultNumbers[0] = durationMs;
			resultNumbers[1] = memoryUsedMB();
			port.postMessage(body! satisfies WorkerMessage);
		} else port.postMessage(['done', ok, body!, errorType, durationMs, memoryUsedMB(), recycle] satisfies WorkerMessage);
	};
	finish = settle;

	let event: unknown;
	try {
		event = JSON.parse(payload);
	} catch (error) {
		settle(runtimeError('Runtime.UnmarshalError', `Unable to unmarshal input: ${(error as Error).message}`), undefined);
		return;
	}
	const context = {
		callbackWaitsForEmptyEventLoop: true,
		functionName: data.functionName,
		functionVersion: data.functionVersion,
		invokedFunctionArn,
		memoryLimitInMB: String(data.memoryLimitInMB),
		awsRequestId: id,
		logGroupName: data.logGroupName,
		logStreamName: data.logStreamName,
		identity: undefined,
		clientContext: clientContext ? parseClientContext(clientContext) : undefined,
		getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
		succeed: (result: unknown) => callback(null, result),
		fail: (error: unknown) => callback(error ?? 'handled'),
		done: (error: unknown, result: unknown) => callback(error, result),
	};
	const callback = (error?: unknown, result?: unknown) => {
		if (context.callbackWaitsForEmptyEventLoop) whenEventLoopEmpty(() => settle(error, result));
		else settle(error, result);
	};
	try {
		const returned = handler(event, context, callback);
		if (returned !== null && typeof returned === 'object' && typeof (returned as Promise<unknown>).then === 'function') {
			(returned as Promise<unknown>).then(
				result => settle(null, result),
				error => settle(error ?? new Error('Promise rejected with ' + String(error)), undefined),
			);
		}
	} catch (error) {
		settle(error, undefined);
	}
}

function isLambdaError(value: unknown): value is LambdaError {
	return value !== null && typeof value === 'object' && 'errorType' in value && 'trace' in value && !(value instanceof Error);
}

function parseClientContext(text: string): unknown {
	try {
		return JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
	} catch {
		return undefined;
	}
}

/** AWS's runtime reports these for the invocation in flight, then the environment is replaced. */
function fatal(error: LambdaError): void {
	if (finish) finish(error, undefined, true);
	else process.exit(129);
}

process.on('uncaughtException', error => fatal(toLambdaError(error)));
process.on('unhandledRejection', reason => {
	const text = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
	fatal(runtimeError('Runtime.UnhandledPromiseRejection', text));
});

async function main(): Promise<void> {
	captureConsole();
	sandboxNetwork();
	if (data.sourceMaps) process.setSourceMapsEnabled(true);
	const loaded = await loadHandler();
	if (typeof loaded !== 'function') {
		port.postMessage(['init', false, JSON.stringify(loaded), loaded.errorType] satisfies WorkerMessage);
		return;
	}
	port.on('message', (message: InvokeMessage) => invoke(loaded, message));
	baseline = resourceCounts();
	port.postMessage(['init', true, undefined, undefined] satisfies WorkerMessage);
}

// On the next turn: when running from source, the loader that compiled this file unregisters first, so user code loads as plain Node would.
setImmediate(() => void main());
