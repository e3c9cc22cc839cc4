/**
 * The Lambda Runtime API (2018-06-01) for one execution environment, on 127.0.0.1
 * at a random port: the runtime long-polls `invocation/next`, then posts the
 * response or the error for that request id; `init/error` reports a failed init.
 * Bodies are kept as raw bytes.
 */
import {createServer, type AddressInfo, type Server, type Socket} from 'node:net';
import {HttpConnection, type HttpRequest} from './httpConnection.js';

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

const prefix = '/2018-06-01/runtime/';
/**
 * Not part of the Runtime API: stratus's Python bootstrap reports its peak resident
 * memory (KB) with each result, which spares reading /proc after every invocation.
 */
const MEMORY_HEADER = 'stratus-max-memory-kb';

const JSON_TYPE = 'Content-Type: application/json\r\n';
const ACCEPTED = JSON.stringify({status: 'OK'});

export class RuntimeApiServer {
	private readonly server: Server;
	private readonly connections = new Set<HttpConnection>();
	/** The connection whose `invocation/next` is waiting for an event. */
	private waiting: HttpConnection | undefined;
	/** An event handed over before the runtime came back for it. */
	private pending: RuntimeEvent | undefined;

	constructor(private readonly handlers: RuntimeApiHandlers) {
		// The next-invocation call is a long poll with no time limit: sockets have no timeout.
		this.server = createServer((socket: Socket) => {
			// Idle environments never keep the process alive; the init and deadline timers do while there is work.
			socket.unref();
			const connection = new HttpConnection(socket, (request, from) => this.route(request, from));
			this.connections.add(connection);
			socket.on('close', () => {
				this.connections.delete(connection);
				if (this.waiting === connection) this.waiting = undefined;
			});
		});
	}

	/** Listens on 127.0.0.1 at a free port; returns AWS_LAMBDA_RUNTIME_API's value, host:port. */
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
		const connection = this.waiting;
		if (!connection) {
			this.pending = event;
			return;
		}
		this.waiting = undefined;
		send(connection, event);
	}

	private route(request: HttpRequest, connection: HttpConnection): void {
		const {method, target} = request;
		if (!target.startsWith(prefix)) return reply(connection, 404, 'Unknown path', 'InvalidRequest');
		const path = target.slice(prefix.length);
		if (path === 'invocation/next') {
			if (method !== 'GET') return reply(connection, 405, 'Method not allowed', 'InvalidRequest');
			this.handlers.onNext();
			const event = this.pending;
			if (!event) {
				this.waiting = connection;
				return;
			}
			this.pending = undefined;
			send(connection, event);
			return;
		}
		const {body, headers} = request;
		const errorType = headers.get('lambda-runtime-function-error-type');
		if (path === 'init/error') {
			if (method !== 'POST') return reply(connection, 405, 'Method not allowed', 'InvalidRequest');
			connection.respond(202, JSON_TYPE, ACCEPTED);
			this.handlers.onInitError(body, errorType);
			return;
		}
		const match = /^invocation\/([^/]+)\/(response|error)$/.exec(path);
		if (!match) return reply(connection, 404, 'Unknown path', 'InvalidRequest');
		if (method !== 'POST') return reply(connection, 405, 'Method not allowed', 'InvalidRequest');
		let requestId: string;
		try {
			requestId = decodeURIComponent(match[1]);
		} catch {
			return reply(connection, 400, 'Invalid request ID', 'InvalidRequestID');
		}
		const maxMemoryKb = Number(headers.get(MEMORY_HEADER)) || undefined;
		const accepted =
			match[2] === 'response' ? this.handlers.onResponse(requestId, body, maxMemoryKb) : this.handlers.onError(requestId, body, errorType, maxMemoryKb);
		if (accepted) connection.respond(202, JSON_TYPE, ACCEPTED);
		else reply(connection, 400, 'Invalid request ID', 'InvalidRequestID');
	}

	close(): void {
		this.waiting = undefined;
		this.pending = undefined;
		this.server.close();
		for (const connection of this.connections) connection.destroy();
		this.connections.clear();
	}
}

/** An event as the answer to `invocation/next`: its metadata in the Lambda-Runtime-* headers. */
function send(connection: HttpConnection, event: RuntimeEvent): void {
	let headers = `${JSON_TYPE}Lambda-Runtime-Aws-Request-Id: ${event.requestId}\r\nLambda-Runtime-Deadline-Ms: ${event.deadlineMs}\r\nLambda-Runtime-Invoked-Function-Arn: ${event.invokedFunctionArn}\r\nLambda-Runtime-Trace-Id: ${event.traceId}\r\n`;
	if (event.clientContext) {
		// The decoded JSON's UTF-8 bytes as they are; line breaks, insignificant in JSON, cannot end the header.
		headers += `Lambda-Runtime-Client-Context: ${Buffer.from(event.clientContext, 'base64').toString('latin1').replace(/[\r\n]/g, '')}\r\n`;
	}
	connection.respond(200, headers, event.payload, true);
}

function reply(connection: HttpConnection, status: number, errorMessage: string, errorType: string): void {
	connection.respond(status, JSON_TYPE, JSON.stringify({errorMessage, errorType}));
}
