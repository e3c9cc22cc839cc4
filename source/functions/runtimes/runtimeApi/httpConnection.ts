/**
 * The server side of one HTTP/1.1 connection, as much of HTTP as a Runtime API client
 * uses: keep-alive and pipelined requests, Content-Length and chunked bodies,
 * `Expect: 100-continue` (curl sends it for bodies over 1 KB) and `Connection: close`.
 *
 * Why not node:http: a warm Python invoke is two requests (the result and the next
 * `invocation/next`, pipelined) and two responses. node:http writes each response as
 * its own loopback TCP send, the costliest call on the path, and builds request and
 * response objects for each; measured on the 2-core dev machine that doubled the
 * invoke's CPU time and put the round trip at 2.5× a bare pipe. Here responses are
 * queued and go out in one write: at once when the API answers a waiting
 * `invocation/next`, else at the end of the event loop turn.
 *
 * Responses leave in request order: while a request waits for its answer (a long-polled
 * `invocation/next`), the requests behind it on the connection are not read.
 */
import type {Socket} from 'node:net';

export interface HttpRequest {
	method: string;
	/** The request target as sent: path and query. */
	target: string;
	/** Lower-case names; a repeated header keeps its first value. */
	headers: Map<string, string>;
	body: Buffer;
}

/** Answers one request: synchronously, or later for a long poll (see HttpConnection.respond). */
export type RequestHandler = (request: HttpRequest, connection: HttpConnection) => void;

/** Bigger requests than the largest response Lambda lets through (6 MB) with room to spare. */
const MAX_BODY = 64 * 1024 * 1024;
const MAX_HEAD = 64 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n';
const EMPTY = Buffer.alloc(0);

const reasons: Record<number, string> = {
	200: 'OK',
	202: 'Accepted',
	400: 'Bad Request',
	404: 'Not Found',
	405: 'Method Not Allowed',
	413: 'Payload Too Large',
	431: 'Request Header Fields Too Large',
	500: 'Internal Server Error',
};

/** A request whose head has been read and whose body has not fully arrived. */
interface PendingRequest {
	request: HttpRequest;
	keepAlive: boolean;
	/** Content-Length, or -1 for a chunked body. */
	length: number;
	continueSent: boolean;
}

export class HttpConnection {
	private input: Buffer = EMPTY;
	private arriving: Buffer[] = [];
	private arrivingLength = 0;
	private parsing = false;
	private partial: PendingRequest | undefined;
	/** Chunked bodies: the decoded chunks so far, and their total size. */
	private chunks: Buffer[] = [];
	private chunkBytes = 0;
	/** Response heads (latin1 text) and bodies waiting for the next write. */
	private output: Array<string | Buffer> = [];
	private outputBytes = 0;
	private flushScheduled = false;
	/** A request has been handed over and not answered: the ones behind it wait. */
	private answering = false;
	private closeAfterAnswer = false;
	closed = false;

	constructor(
		readonly socket: Socket,
		private readonly handle: RequestHandler,
	) {
		socket.setNoDelay(true);
		socket.on('data', (chunk: Buffer) => this.receive(chunk));
		socket.on('error', () => this.destroy());
		socket.on('close', () => (this.closed = true));
	}

	/**
	 * Answers the request the handler was given. `now` writes at once with whatever is
	 * queued (a long poll answered); otherwise the response joins the end-of-turn write.
	 */
	respond(status: number, headers: string, body: Buffer | string, now = false): void {
		if (this.closed) return;
		const bytes = typeof body === 'string' ? Buffer.from(body) : body;
		this.queue(`HTTP/1.1 ${status} ${reasons[status] ?? 'Unknown'}\r\n${headers}Content-Length: ${bytes.length}\r\n\r\n`);
		if (bytes.length > 0) this.queue(bytes);
		this.answering = false;
		if (this.closeAfterAnswer) {
			this.flush();
			this.socket.end();
			this.closed = true;
			return;
		}
		if (now) this.flush();
		else this.scheduleFlush();
		// Requests that arrived behind this one.
		if (this.input.length > 0) this.parse();
	}

	private scheduleFlush(): void {
		if (this.flushScheduled) return;
		this.flushScheduled = true;
		setImmediate(() => {
			this.flushScheduled = false;
			this.flush();
		});
	}

	private queue(part: string | Buffer): void {
		this.output.push(part);
		this.outputBytes += part.length;
	}

	private flush(): void {
		if (this.output.length === 0 || this.closed) return;
		// One buffer, one write: heads are ASCII (latin1 bytes), so their length is their size.
		const bytes = Buffer.allocUnsafe(this.outputBytes);
		let at = 0;
		for (const part of this.output) at += typeof part === 'string' ? bytes.write(part, at, 'latin1') : part.copy(bytes, at);
		this.output = [];
		this.outputBytes = 0;
		this.socket.write(bytes);
	}

	destroy(): void {
		this.closed = true;
		this.socket.destroy();
	}

	private receive(chunk: Buffer): void {
		// A big body arrives in many chunks: joined once it is all here, not on every chunk.
		this.arriving.push(chunk);
		this.arrivingLength += chunk.length;
		const awaited = this.partial && this.partial.length > 0 ? this.partial.length : 0;
		if (this.input.length + this.arrivingLength < awaited) return;
		if (this.input.length === 0 && this.arriving.length === 1) this.input = chunk;
		else this.input = Buffer.concat(this.input.length === 0 ? this.arriving : [this.input, ...this.arriving]);
		this.arriving = [];
		this.arrivingLength = 0;
		this.parse();
	}

	private parse(): void {
		// A handler that answers at once calls respond(), which resumes parsing: once is enough.
		if (this.parsing) return;
		this.parsing = true;
		try {
			this.parseRequests();
		} finally {
			this.parsing = false;
		}
	}

	private parseRequests(): void {
		while (!this.answering && !this.closed && this.input.length > 0) {
			if (!this.partial && !this.readHead()) return;
			const body = this.readBody(this.partial!);
			if (!body) return;
			const {request, keepAlive} = this.partial!;
			this.partial = undefined;
			request.body = body;
			this.answering = true;
			this.closeAfterAnswer = !keepAlive;
			try {
				this.handle(request, this);
			} catch (error) {
				// A fault of ours must not take the process (and every other function) down with this connection.
				this.fail(500, String(error), 'ServiceException');
			}
		}
	}

	/** Parses a request head off the input; false while it is incomplete (or the connection was failed). */
	private readHead(): boolean {
		const end = this.input.indexOf(HEAD_END);
		if (end < 0) {
			if (this.input.length > MAX_HEAD) this.fail(431, 'request head too large');
			return false;
		}
		const lines = this.input.toString('latin1', 0, end).split('\r\n');
		this.input = this.input.subarray(end + 4);
		// A client may send empty lines between requests.
		while (lines[0] === '') lines.shift();
		const requestLine = /^([A-Z]+) (\S+) HTTP\/1\.([01])$/.exec(lines[0] ?? '');
		if (!requestLine) {
			this.fail(400, 'malformed request line');
			return false;
		}
		const headers = new Map<string, string>();
		for (let i = 1; i < lines.length; i++) {
			const colon = lines[i].indexOf(':');
			if (colon <= 0) continue;
			const name = lines[i].slice(0, colon).trim().toLowerCase();
			if (!headers.has(name)) headers.set(name, lines[i].slice(colon + 1).trim());
		}
		const connection = headers.get('connection')?.toLowerCase();
		const keepAlive = requestLine[3] === '1' ? connection !== 'close' : connection === 'keep-alive';
		let length = 0;
		if (headers.get('transfer-encoding')?.toLowerCase().includes('chunked')) length = -1;
		else if (headers.has('content-length')) {
			length = /^\d+$/.test(headers.get('content-length')!) ? Number(headers.get('content-length')) : NaN;
			if (!(length <= MAX_BODY)) {
				this.fail(Number.isNaN(length) ? 400 : 413, 'bad Content-Length');
				return false;
			}
		}
		this.partial = {request: {method: requestLine[1], target: requestLine[2], headers, body: EMPTY}, keepAlive, length, continueSent: false};
		this.chunks = [];
		this.chunkBytes = 0;
		return true;
	}

	/** The body once it has all arrived, else undefined. */
	private readBody(partial: PendingRequest): Buffer | undefined {
		if (partial.length === 0) return EMPTY;
		const body = partial.length > 0 ? this.readSized(partial.length) : this.readChunked();
		if (!body && !partial.continueSent && partial.request.headers.get('expect')?.toLowerCase() === '100-continue') {
			partial.continueSent = true;
			this.queue(CONTINUE);
			this.flush();
		}
		return body;
	}

	private readSized(length: number): Buffer | undefined {
		if (this.input.length < length) return undefined;
		const body = this.input.subarray(0, length);
		this.input = this.input.subarray(length);
		return body;
	}

	/** Chunked transfer coding: `<hex size>[;ext]\r\n<data>\r\n` ... `0\r\n[trailers]\r\n`. */
	private readChunked(): Buffer | undefined {
		for (;;) {
			const lineEnd = this.input.indexOf(CRLF);
			if (lineEnd < 0) return undefined;
			const size = parseInt(this.input.toString('latin1', 0, lineEnd).split(';')[0].trim(), 16);
			if (Number.isNaN(size) || size < 0) {
				this.fail(400, 'malformed chunk size');
				return undefined;
			}
			if (size > MAX_BODY) {
				this.fail(413, 'chunk too large');
				return undefined;
			}
			if (size === 0) {
				// The trailers, if any, end with an empty line.
				const end = this.input.indexOf(HEAD_END, lineEnd);
				if (end < 0) return undefined;
				this.input = this.input.subarray(end + 4);
				const body = Buffer.concat(this.chunks, this.chunkBytes);
				this.chunks = [];
				this.chunkBytes = 0;
				return body;
			}
			const start = lineEnd + 2;
			if (this.input.length < start + size + 2) return undefined;
			this.chunks.push(this.input.subarray(start, start + size));
			this.chunkBytes += size;
			if (this.chunkBytes > MAX_BODY) {
				this.fail(413, 'body too large');
				return undefined;
			}
			this.input = this.input.subarray(start + size + 2);
		}
	}

	/** A request that cannot be framed or answered: an error reply, and the connection closed (its stream position is lost). */
	private fail(status: number, message: string, errorType = 'InvalidRequest'): void {
		this.input = EMPTY;
		this.partial = undefined;
		this.closeAfterAnswer = true;
		this.respond(status, 'Content-Type: application/json\r\n', JSON.stringify({errorMessage: message, errorType}));
	}
}
