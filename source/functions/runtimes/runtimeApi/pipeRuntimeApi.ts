/**
 * The Runtime API's four calls (next, response, error, init/error) over two pipes
 * instead of HTTP, for stratus's own Python bootstrap. Custom `provided` runtimes
 * keep the HTTP Runtime API (RuntimeApiServer), which is their contract.
 *
 * Why not HTTP for Python too (measured 2026-11 on the 2-core dev machine, p50):
 * a bare pipe echo round trip is ~10 µs and a warm Python invoke over these pipes
 * ~30 µs. Over HTTP with this server and http.client the invoke was ~450-600 µs;
 * with a raw keep-alive socket in the bootstrap (POST /response pipelined with the
 * next GET) and a minimal net-based server, the HTTP exchange alone took ~25 µs
 * before any Lambda work, and a whole invoke 43-63 µs at p10 against 25 µs over
 * these pipes: past the 3× budget. On that machine a woken process runs on the waker's CPU, so every
 * microsecond either side spends per invoke adds to the round trip.
 *
 * The runtime reads events on fd 3 and writes its calls on fd 4 (STRATUS_RUNTIME_FDS).
 * An event is one line of what the HTTP API sends as headers, tab-separated (none of
 * them holds a tab or a newline; the client context stays base64), then the body:
 *
 *   to the runtime     <request id>\t<deadline ms>\t<invoked ARN>\t<trace id>\t<client context>\t<n>\n + n bytes of event
 *
 * The runtime's calls are a line of JSON each, then `n` bytes of body when it has an `n`:
 *
 *   from the runtime   {"t":"next"}
 *                      {"t":"response","id","ct","n","rss"} + payload
 *                      {"t":"error","id","et","n","rss"} + error JSON
 *                      {"t":"init_error","et","n"} + error JSON
 *
 * `rss` is the runtime's peak resident memory in KB (getrusage), which saves reading
 * /proc after every invocation.
 */
import type {ChildProcess} from 'node:child_process';
import type {Readable, Writable} from 'node:stream';
import type {RuntimeApiHandlers, RuntimeChannel, RuntimeEvent} from './runtimeApiServer.js';

interface RuntimeFrame {
	t: 'next' | 'response' | 'error' | 'init_error';
	id?: string;
	ct?: string;
	et?: string;
	n?: number;
	rss?: number;
}

const NEXT_FRAME = Buffer.from('{"t":"next"}');
const nextFrame: RuntimeFrame = {t: 'next'};

export class PipeRuntimeApi implements RuntimeChannel {
	private events: Writable | undefined;
	/** The runtime has asked for the next event and not yet been given one. */
	private waiting = false;
	private pending: RuntimeEvent | undefined;
	private buffer: Buffer = Buffer.alloc(0);
	/** A frame line read whose body has not fully arrived. */
	private header: RuntimeFrame | undefined;
	private closed = false;

	constructor(private readonly handlers: RuntimeApiHandlers) {}

	async open(): Promise<{env: Record<string, string>; pipes: number}> {
		return {env: {STRATUS_RUNTIME_FDS: '3,4'}, pipes: 2};
	}

	attach(child: ChildProcess): void {
		const events = child.stdio[3] as Writable | null;
		const calls = child.stdio[4] as Readable | null;
		if (!events || !calls) throw new Error('the runtime process has no fd 3 and 4 pipes');
		this.events = events;
		// A runtime that dies mid-write: its exit is what reports the failure.
		events.on('error', () => {});
		calls.on('data', (chunk: Buffer) => this.receive(chunk));
		// Idle environments never keep the process alive.
		(events as unknown as {unref?: () => void}).unref?.();
		(calls as unknown as {unref?: () => void}).unref?.();
	}

	deliver(event: RuntimeEvent): void {
		if (!this.waiting || !this.events) {
			this.pending = event;
			return;
		}
		this.send(event);
	}

	private takePending(): RuntimeEvent {
		const event = this.pending!;
		this.pending = undefined;
		return event;
	}

	private send(event: RuntimeEvent): void {
		this.waiting = false;
		// Re-encoded so that whatever the caller sent, the field holds only base64 characters.
		const clientContext = event.clientContext ? Buffer.from(event.clientContext, 'base64').toString('base64') : '';
		const line = `${event.requestId}\t${event.deadlineMs}\t${event.invokedFunctionArn}\t${event.traceId}\t${clientContext}\t${event.payload.length}\n`;
		const frame = Buffer.allocUnsafe(Buffer.byteLength(line) + event.payload.length);
		event.payload.copy(frame, frame.write(line));
		this.events!.write(frame);
	}

	private receive(chunk: Buffer): void {
		this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
		for (;;) {
			if (!this.header) {
				const newline = this.buffer.indexOf(10);
				if (newline < 0) return;
				const line = this.buffer.subarray(0, newline);
				this.buffer = this.buffer.subarray(newline + 1);
				// Every invocation ends with this one: no need to parse it.
				if (line.equals(NEXT_FRAME)) this.header = nextFrame;
				else {
					try {
						this.header = JSON.parse(line.toString('utf8')) as RuntimeFrame;
					} catch {
						// Not a frame: nothing the bootstrap writes, so ignore the line.
						continue;
					}
				}
			}
			const length = this.header.n ?? 0;
			if (this.buffer.length < length) return;
			// A view, not a copy: each chunk a socket reads is a fresh buffer.
			const body = this.buffer.subarray(0, length);
			this.buffer = this.buffer.subarray(length);
			const frame = this.header;
			this.header = undefined;
			this.dispatch(frame, body);
		}
	}

	private dispatch(frame: RuntimeFrame, body: Buffer): void {
		if (this.closed) return;
		switch (frame.t) {
			case 'next':
				this.waiting = true;
				this.handlers.onNext();
				if (this.pending) this.send(this.takePending());
				return;
			case 'response':
				this.handlers.onResponse(frame.id ?? '', body, frame.rss);
				return;
			case 'error':
				this.handlers.onError(frame.id ?? '', body, frame.et, frame.rss);
				return;
			case 'init_error':
				this.handlers.onInitError(body, frame.et);
				return;
		}
	}

	close(): void {
		this.closed = true;
		this.pending = undefined;
		this.waiting = false;
		this.events?.destroy();
	}
}
