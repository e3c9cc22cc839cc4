/**
 * The Runtime API server speaks HTTP/1.1 to whatever client a custom runtime uses:
 * pipelined requests answered in order, Content-Length and chunked bodies,
 * `Expect: 100-continue`, `Connection: close`, and a clear 4xx for what it cannot read.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {connect, type Socket} from 'node:net';
import {RuntimeApiServer, type RuntimeEvent} from '../../source/functions/runtimes/runtimeApi/runtimeApiServer.js';

interface Seen {
	next: number;
	responses: Array<{id: string; body: string; memory?: number}>;
	errors: Array<{id: string; body: string; type?: string}>;
	initErrors: Array<{body: string; type?: string}>;
}

async function serve(): Promise<{server: RuntimeApiServer; address: string; seen: Seen}> {
	const seen: Seen = {next: 0, responses: [], errors: [], initErrors: []};
	const server = new RuntimeApiServer({
		onNext: () => void seen.next++,
		onResponse: (id, body, memory) => (id.startsWith('known') ? (seen.responses.push({id, body: body.toString(), memory}), true) : false),
		onError: (id, body, type) => (seen.errors.push({id, body: body.toString(), type}), true),
		onInitError: (body, type) => void seen.initErrors.push({body: body.toString(), type}),
	});
	return {server, address: await server.listen(), seen};
}

function event(requestId: string, payload = '{"n":1}'): RuntimeEvent {
	return {requestId, payload: Buffer.from(payload), deadlineMs: 1_700_000_000_000, invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f', traceId: 'Root=1-a-b;Parent=c;Sampled=0'};
}

/** A raw client: what it has read so far, as text. */
function open(address: string): Promise<{socket: Socket; read: () => string; until: (pattern: RegExp) => Promise<string>; closed: Promise<void>}> {
	const [host, port] = address.split(':');
	return new Promise(resolve => {
		const socket = connect(Number(port), host, () => {
			let text = '';
			const waiters: Array<() => void> = [];
			socket.setEncoding('latin1');
			socket.on('data', (chunk: string) => {
				text += chunk;
				for (const wake of waiters.splice(0)) wake();
			});
			const closed = new Promise<void>(done => socket.on('close', () => done()));
			const until = async (pattern: RegExp) => {
				while (!pattern.test(text)) await new Promise<void>(wake => waiters.push(wake));
				return text;
			};
			resolve({socket, read: () => text, until, closed});
		});
	});
}

test('a result posted together with the next invocation/next gets its 202, then the next event, in order', async () => {
	const {server, address, seen} = await serve();
	const client = await open(address);
	try {
		client.socket.write('GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n');
		server.deliver(event('known-1'));
		await client.until(/known-1/);
		assert.match(client.read(), /^HTTP\/1\.1 200 OK\r\n/);
		assert.match(client.read(), /Lambda-Runtime-Aws-Request-Id: known-1\r\n/);
		assert.match(client.read(), /Lambda-Runtime-Deadline-Ms: 1700000000000\r\n/);
		assert.match(client.read(), /Content-Length: 7\r\n\r\n\{"n":1\}$/);
		client.socket.write(
			'POST /2018-06-01/runtime/invocation/known-1/response HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nStratus-Max-Memory-Kb: 20480\r\n\r\nhiGET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n',
		);
		await new Promise(resolve => setTimeout(resolve, 20));
		server.deliver(event('known-2', '"two"'));
		const text = await client.until(/known-2[\s\S]*"two"/);
		const answers = text.split(/(?=HTTP\/1\.1 )/);
		assert.equal(answers.length, 3);
		assert.match(answers[1], /^HTTP\/1\.1 202 Accepted\r\n/);
		assert.match(answers[2], /^HTTP\/1\.1 200 OK\r\n[\s\S]*known-2/);
		assert.deepEqual(seen.responses, [{id: 'known-1', body: 'hi', memory: 20480}]);
		assert.equal(seen.next, 2);
	} finally {
		client.socket.destroy();
		server.close();
	}
});

test('an event delivered before the runtime asks waits for its invocation/next', async () => {
	const {server, address} = await serve();
	const client = await open(address);
	try {
		server.deliver(event('known-early'));
		client.socket.write('GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n');
		assert.match(await client.until(/known-early/), /^HTTP\/1\.1 200 OK/);
	} finally {
		client.socket.destroy();
		server.close();
	}
});

test('chunked bodies, Expect: 100-continue and bodies in many pieces arrive whole', async () => {
	const {server, address, seen} = await serve();
	const client = await open(address);
	try {
		client.socket.write('POST /2018-06-01/runtime/invocation/e1/error HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nLambda-Runtime-Function-Error-Type: Custom.Bad\r\n\r\n');
		client.socket.write('5;ext=1\r\n{"err\r\n');
		await new Promise(resolve => setTimeout(resolve, 10));
		client.socket.write('3\r\nor"\r\n2\r\n:1\r\n1\r\n}\r\n0\r\nTrailer: x\r\n\r\n');
		await client.until(/202 Accepted/);
		assert.deepEqual(seen.errors, [{id: 'e1', body: '{"error":1}', type: 'Custom.Bad'}]);

		const big = 'x'.repeat(3_000_000);
		client.socket.write(`POST /2018-06-01/runtime/invocation/known-big/response HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: ${big.length}\r\n\r\n`);
		await client.until(/100 Continue\r\n\r\n$/);
		for (let at = 0; at < big.length; at += 65_536) client.socket.write(big.slice(at, at + 65_536));
		await client.until(/202 Accepted[\s\S]*202 Accepted/);
		assert.equal(seen.responses[0].body.length, big.length);
		assert.equal(seen.responses[0].body, big);
	} finally {
		client.socket.destroy();
		server.close();
	}
});

test('init/error, unknown paths, wrong methods and unknown request ids get their answers', async () => {
	const {server, address, seen} = await serve();
	const client = await open(address);
	try {
		const body = '{"errorMessage":"boom","errorType":"Runtime.Init"}';
		client.socket.write(
			`POST /2018-06-01/runtime/init/error HTTP/1.1\r\nHost: x\r\nLambda-Runtime-Function-Error-Type: Runtime.Init\r\nContent-Length: ${body.length}\r\n\r\n${body}` +
				'GET /2018-06-01/runtime/nowhere HTTP/1.1\r\nHost: x\r\n\r\n' +
				'DELETE /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n' +
				'POST /2018-06-01/runtime/invocation/stranger/response HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n',
		);
		const text = await client.until(/InvalidRequestID/);
		assert.deepEqual(
			text.split(/(?=HTTP\/1\.1 )/).map(answer => answer.split('\r\n')[0]),
			['HTTP/1.1 202 Accepted', 'HTTP/1.1 404 Not Found', 'HTTP/1.1 405 Method Not Allowed', 'HTTP/1.1 400 Bad Request'],
		);
		assert.deepEqual(seen.initErrors, [{body, type: 'Runtime.Init'}]);
	} finally {
		client.socket.destroy();
		server.close();
	}
});

test('a request that cannot be framed gets 400 and its connection closes; Connection: close is honoured', async () => {
	const {server, address} = await serve();
	try {
		const garbled = await open(address);
		garbled.socket.write('hello there\r\n\r\n');
		await garbled.closed;
		assert.match(garbled.read(), /^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*malformed request line/);

		const badLength = await open(address);
		badLength.socket.write('POST /2018-06-01/runtime/init/error HTTP/1.1\r\nContent-Length: -3\r\n\r\n');
		await badLength.closed;
		assert.match(badLength.read(), /^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*Content-Length/);

		const hugeChunk = await open(address);
		hugeChunk.socket.write('POST /2018-06-01/runtime/init/error HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nfffffffff\r\nabc');
		await hugeChunk.closed;
		assert.match(hugeChunk.read(), /^HTTP\/1\.1 413 Payload Too Large\r\n/, 'a chunk past the body limit is refused before it is buffered');

		const closing = await open(address);
		closing.socket.write('GET /nowhere HTTP/1.1\r\nConnection: close\r\n\r\n');
		await closing.closed;
		assert.match(closing.read(), /^HTTP\/1\.1 404 Not Found/);
	} finally {
		server.close();
	}
});

test('a fault while answering a request fails that request with 500, not the process', async () => {
	const server = new RuntimeApiServer({
		onNext: () => {},
		onResponse: () => {
			throw new Error('boom');
		},
		onError: () => true,
		onInitError: () => {},
	});
	const address = await server.listen();
	try {
		const client = await open(address);
		client.socket.write('POST /2018-06-01/runtime/invocation/r1/response HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}');
		await client.closed;
		assert.match(client.read(), /^HTTP\/1\.1 500 Internal Server Error\r\n[\s\S]*Error: boom/);
		const next = await open(address);
		next.socket.write('GET /nowhere HTTP/1.1\r\n\r\n');
		assert.match(await next.until(/404/), /^HTTP\/1\.1 404 Not Found/, 'the server still answers');
		next.socket.destroy();
	} finally {
		server.close();
	}
});
