/**
 * The Lambda Runtime API (2018-06-01) for one execution environment, on 127.0.0.1
 * at a random port: the runtime long-polls `invocation/next`, then posts the
 * response or the error for that request id; `init/error` reports a failed init.
 * Bodies are kept as raw bytes.
 */
import type {ChildProcess} from 'node:child_process';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

export interface RuntimeEvent {
	requestId: string;
	payload: Buffer;
	deadlineMs: number;
	invokedFunctionArn: string;
	traceId: string;
	clientContext?: string;
}

export interface RuntimeApiHandlers {
	/** The runtime asked for work: it has finished init (first call) or the previous invocation. */
	onNext(): void;
	/** `maxMemoryKb`: the runtime's own peak memory report, when its channel carries one. */
	onResponse(requestId: string, body: Buffer, maxMemoryKb?: number): boolean;
	onError(requestId: string, body: Buffer, errorType: string | undefined, maxMemoryKb?: number): boolean;
	onInitError(body: Buffer, errorType: string | undefined): void;
}

/** How a runtime process reaches its Runtime API: HTTP (this server) or pipes (PipeRuntimeApi). */
export interface RuntimeChannel {
	/** Before the process starts: the variables that point it at the API, and how many pipes after stderr it needs. */
	open(): Promise<{env: Record<string, string>; pipes: number}>;
	/** Once the process is spawned. */
	attach(child: ChildProcess): void;
	/** Answers the runtime's pending `next`, or the next one it makes. */
	deliver(event: RuntimeEvent): void;
	close(): void;
}

const prefix = '/2018-06-01/runtime/';

export class RuntimeApiServer implements RuntimeChannel {
	private readonly server: Server;
	private waiting: ServerResponse | undefined;
	/** An event handed over before the runtime came back for it. */
	private pending: RuntimeEvent | undefined;

	constructor(private readonly handlers: RuntimeApiHandlers) {
		this.server = createServer((req, res) => this.route(req, res));
		// The next-invocation call is a long poll with no time limit; connections idle between invocations stay open.
		this.server.requestTimeout = 0;
		this.server.headersTimeout = 0;
		this.server.keepAliveTimeout = 0;
		this.server.timeout = 0;
	}

	async open(): Promise<{env: Record<string, string>; pipes: number}> {
		return {env: {AWS_LAMBDA_RUNTIME_API: await this.listen()}, pipes: 0};
	}

	attach(): void {}

	async listen(): Promise<string> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(0, '127.0.0.1', () => resolve());
		});
		this.server.unref();
		const {port} = this.server.address() as AddressInfo;
		return `127.0.0.1:${port}`;
	}

	/** Answers the runtime's pending `next`, or the next one it makes. */
	deliver(event: RuntimeEvent): void {
		const res = this.waiting;
		if (!res) {
			this.pending = event;
			return;
		}
		this.waiting = undefined;
		this.send(res, event);
	}

	private send(res: ServerResponse, event: RuntimeEvent): void {
		const headers: Record<string, string | number> = {
			'Content-Type': 'application/json',
			'Content-Length': event.payload.length,
			'Lambda-Runtime-Aws-Request-Id': event.requestId,
			'Lambda-Runtime-Deadline-Ms': event.deadlineMs,
			'Lambda-Runtime-Invoked-Function-Arn': event.invokedFunctionArn,
			'Lambda-Runtime-Trace-Id': event.traceId,
		};
		if (event.clientContext) headers['Lambda-Runtime-Client-Context'] = Buffer.from(event.clientContext, 'base64').toString('utf8');
		res.writeHead(200, headers);
		res.end(event.payload);
	}

	private route(req: IncomingMessage, res: ServerResponse): void {
		const url = req.url ?? '';
		if (!url.startsWith(prefix)) return reply(res, 404, {errorMessage: 'Unknown path', errorType: 'InvalidRequest'});
		const path = url.slice(prefix.length);
		if (req.method === 'GET' && path === 'invocation/next') {
			req.socket.setTimeout(0);
			this.handlers.onNext();
			const event = this.pending;
			if (event) {
				this.pending = undefined;
				this.send(res, event);
				return;
			}
			this.waiting = res;
			res.on('close', () => {
				if (this.waiting === res) this.waiting = undefined;
			});
			return;
		}
		if (req.method !== 'POST') return reply(res, 405, {errorMessage: 'Method not allowed', errorType: 'InvalidRequest'});
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const errorType = headerValue(req.headers['lambda-runtime-function-error-type']);
			if (path === 'init/error') {
				reply(res, 202, {status: 'OK'});
				this.handlers.onInitError(body, errorType);
				return;
			}
			const match = /^invocation\/([^/]+)\/(response|error)$/.exec(path);
			if (!match) return reply(res, 404, {errorMessage: 'Unknown path', errorType: 'InvalidRequest'});
			const requestId = decodeURIComponent(match[1]);
			const accepted = match[2] === 'response' ? this.handlers.onResponse(requestId, body) : this.handlers.onError(requestId, body, errorType);
			if (accepted) reply(res, 202, {status: 'OK'});
			else reply(res, 400, {errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID'});
		});
	}

	close(): void {
		this.waiting?.destroy();
		this.waiting = undefined;
		this.pending = undefined;
		this.server.close();
		this.server.closeAllConnections();
	}
}

function reply(res: ServerResponse, status: number, body: object): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text)});
	res.end(text);
}

function headerValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}
