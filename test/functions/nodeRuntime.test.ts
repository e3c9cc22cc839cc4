import {test} from 'node:test';
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {fixtureFunction, fixtures, invoke, json, poolFor} from './fixtureFunctions.js';

const linePrefix = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t/;

test('a CommonJS handler gets the event, the context and its environment; init runs once', async () => {
	const fn = fixtureFunction('cjs', 'nodejs20.x', 'node-cjs', 'index.handler');
	const pool = poolFor(fn);
	try {
		const first = await invoke(pool, fn, {a: 1});
		assert.equal(first.ok, true);
		const body = json(first);
		assert.deepEqual(body.event, {a: 1});
		assert.equal(body.functionName, 'cjs');
		assert.equal(body.functionVersion, '$LATEST');
		assert.equal(body.memoryLimitInMB, '128');
		assert.ok(body.remaining > 2000 && body.remaining <= 3000);
		assert.equal(body.greeting, 'hi');
		assert.equal(body.region, 'us-east-1');
		assert.equal(body.handlerEnv, 'index.handler');
		assert.equal(body.tz, ':UTC');
		assert.ok(first.initDurationMs! > 0);
		assert.match(first.initLogs!, /\tundefined\tINFO\tinit hi\n$/);
		const [line] = first.logs.split('\n');
		assert.match(line, linePrefix);
		assert.equal(line.split('\t').slice(1).join('\t'), `${body.requestId}\tINFO\tevent {"a":1}`);

		const second = await invoke(pool, fn, {a: 2});
		assert.equal(json(second).initAt, body.initAt, 'the warm environment is reused');
		assert.equal(second.initDurationMs, undefined);
		assert.equal(second.initLogs, undefined);
	} finally {
		await pool.dispose();
	}
});

test('each invocation sees its own invoked ARN, client context and deadline, whatever the one before it had', async () => {
	const fn = fixtureFunction('arns', 'nodejs20.x', 'node-cjs', 'index.handler');
	const pool = poolFor(fn);
	try {
		const clientContext = Buffer.from(JSON.stringify({custom: {tenant: 't1'}})).toString('base64');
		const calls = [
			{arn: fn.arn, payload: {text: 'tab\there'}, deadline: 2500},
			{arn: `${fn.arn}:prod`, payload: {n: 2}, deadline: 1500},
			{arn: `${fn.arn}:prod`, payload: {n: 3}, deadline: 2500, clientContext},
			{arn: `${fn.arn}:prod`, payload: {n: 4}, deadline: 2500},
			{arn: fn.arn, payload: {n: 5}, deadline: 2500},
		];
		for (const [i, call] of calls.entries()) {
			const requestId = `00000000-0000-4000-8000-00000000010${i}`;
			const outcome = await pool.invoke({
				requestId,
				payload: Buffer.from(JSON.stringify(call.payload)),
				deadlineMs: Date.now() + call.deadline,
				invokedFunctionArn: call.arn,
				clientContext: call.clientContext,
			});
			const body = json(outcome);
			assert.equal(body.requestId, requestId);
			assert.deepEqual(body.event, call.payload, `call ${i}`);
			assert.equal(body.invokedFunctionArn, call.arn, `call ${i}`);
			assert.deepEqual(body.clientContext, call.clientContext ? {custom: {tenant: 't1'}} : undefined, `call ${i}`);
			assert.ok(body.remaining > call.deadline - 1000 && body.remaining <= call.deadline, `call ${i}: ${body.remaining} ms left`);
			assert.ok(outcome.maxMemoryUsedMB > 0 && outcome.durationMs >= 0);
		}
	} finally {
		await pool.dispose();
	}
});

test('ES module and TypeScript handlers load (top-level await, sibling imports compiled by esbuild)', async () => {
	const esm = fixtureFunction('esm', 'nodejs22.x', 'node-esm', 'index.handler');
	const ts = fixtureFunction('ts', 'nodejs20.x', 'node-ts', 'handler.handler');
	const esmPool = poolFor(esm);
	const tsPool = poolFor(ts);
	try {
		assert.deepEqual(json(await invoke(esmPool, esm, {value: 21})), {kind: 'esm', doubled: 42});
		assert.deepEqual(json(await invoke(tsPool, ts, {name: 'ts'})), {message: 'HELLO TS!'});
		const packaged = fixtureFunction('packaged', 'nodejs20.x', 'node-ts', 'packaged.handler');
		const packagedPool = poolFor(packaged);
		try {
			assert.equal(json(await invoke(packagedPool, packaged, {a: 1})), 'a: 1\n');
		} finally {
			await packagedPool.dispose();
		}
	} finally {
		await Promise.all([esmPool.dispose(), tsPool.dispose()]);
	}
});

test('a callback handler answers once its event loop is empty', async () => {
	const fn = fixtureFunction('cb', 'nodejs20.x', 'node-cjs', 'index.callback');
	const pool = poolFor(fn);
	try {
		const outcome = await invoke(pool, fn, {value: 7});
		assert.deepEqual(json(outcome), {callback: true, value: 7});
		assert.match(outcome.logs, /INFO\ttimer after callback\n/);
		assert.ok(outcome.durationMs >= 15, `waited for the timer (${outcome.durationMs} ms)`);
	} finally {
		await pool.dispose();
	}
});

test('thrown errors and rejections come back as the Node runtime formats them', async () => {
	const cases: Array<[string, string, RegExp]> = [
		['throws', 'TypeError', /^bad input$/],
		['rejectsString', 'string', /^plain string$/],
		['callbackError', 'Error', /^callback failure$/],
		['circular', 'Error', /^Unable to stringify response body$/],
		['bigint', 'Error', /^Unable to stringify response body$/],
		['uncaught', 'RangeError', /^thrown from a timer$/],
		['unhandledRejection', 'Runtime.UnhandledPromiseRejection', /^Error: nobody caught me$/],
	];
	for (const [handler, errorType, message] of cases) {
		const fn = fixtureFunction(handler, 'nodejs20.x', 'misbehaving', `index.${handler}`);
		const pool = poolFor(fn);
		try {
			const outcome = await invoke(pool, fn);
			assert.equal(outcome.ok, false, handler);
			assert.equal(outcome.errorType, errorType, handler);
			const body = json(outcome);
			assert.equal(body.errorType, errorType, handler);
			assert.match(body.errorMessage, message, handler);
			assert.ok(Array.isArray(body.trace), handler);
			assert.match(outcome.logs, /\tERROR\tInvoke Error \t\{"errorType":/, handler);
		} finally {
			await pool.dispose();
		}
	}
	const fn = fixtureFunction('throws', 'nodejs20.x', 'misbehaving', 'index.throws');
	const pool = poolFor(fn);
	try {
		const body = json(await invoke(pool, fn));
		assert.equal(body.trace[0], 'TypeError: bad input');
		assert.match(body.trace[1], /at .*misbehaving\/index\.js/);
	} finally {
		await pool.dispose();
	}
});

test('an infinite loop is killed at the deadline and the next invocation gets a fresh environment', async () => {
	const fn = fixtureFunction('loop', 'nodejs20.x', 'misbehaving', 'index.loop', {timeout: 1});
	const pool = poolFor(fn);
	try {
		const started = Date.now();
		const outcome = await invoke(pool, fn);
		assert.equal(outcome.timedOut, true);
		assert.equal(outcome.errorType, 'Sandbox.Timedout');
		assert.match(json(outcome).errorMessage, /^RequestId: \S+ Error: Task timed out after 1\.00 seconds$/);
		assert.match(outcome.logs, /INFO\tabout to spin\n/, 'what it printed before hanging is kept');
		assert.ok(Date.now() - started < 2500);
		const again = await invoke(pool, fn);
		assert.ok(again.initDurationMs! > 0, 'a new environment started');
	} finally {
		await pool.dispose();
	}
});

test('a handler past its MemorySize fails with Runtime.OutOfMemory and the host stays up', async () => {
	const fn = fixtureFunction('hog', 'nodejs20.x', 'misbehaving', 'index.hog', {memorySize: 128, timeout: 20});
	const pool = poolFor(fn);
	try {
		const outcome = await invoke(pool, fn);
		assert.equal(outcome.ok, false);
		assert.equal(outcome.errorType, 'Runtime.OutOfMemory');
		assert.match(json(outcome).errorMessage, /Runtime exited with error: signal: killed/);
		assert.equal(outcome.maxMemoryUsedMB, 128);
	} finally {
		await pool.dispose();
	}
});

test('process.exit is Runtime.ExitError with its status', async () => {
	const fn = fixtureFunction('exits', 'nodejs20.x', 'misbehaving', 'index.exits');
	const pool = poolFor(fn);
	try {
		const outcome = await invoke(pool, fn);
		assert.equal(outcome.errorType, 'Runtime.ExitError');
		assert.match(json(outcome).errorMessage, /^RequestId: \S+ Error: Runtime exited with error: exit status 3$/);
		assert.match(outcome.logs, /INFO\texiting/);
	} finally {
		await pool.dispose();
	}
});

test('init failures: module errors, syntax errors, missing files and exports', async () => {
	const cases: Array<[string, string, string, RegExp]> = [
		['init-throws.handler', 'Error', 'cannot start', /^cannot start$/],
		['syntax.handler', 'Runtime.UserCodeSyntaxError', '', /^SyntaxError: /],
		['missing.handler', 'Runtime.ImportModuleError', '', /^Error: Cannot find module 'missing'/],
		['index.nope', 'Runtime.HandlerNotFound', '', /^index\.nope is undefined or not exported$/],
		['index.notAFunction', 'Runtime.HandlerNotFound', '', /^index\.notAFunction is not a function$/],
		['nodot', 'Runtime.MalformedHandlerName', '', /^Bad handler nodot$/],
	];
	for (const [handler, errorType, , message] of cases) {
		const fn = fixtureFunction('init', 'nodejs20.x', 'misbehaving', handler);
		const pool = poolFor(fn);
		try {
			const outcome = await invoke(pool, fn);
			assert.equal(outcome.ok, false, handler);
			assert.equal(outcome.errorType, errorType, handler);
			assert.match(json(outcome).errorMessage, message, handler);
		} finally {
			await pool.dispose();
		}
	}
});

test('handlers cannot listen for connections and outbound port 25 is refused', async () => {
	const listen = fixtureFunction('listen', 'nodejs20.x', 'node-cjs', 'index.listen');
	const smtp = fixtureFunction('smtp', 'nodejs20.x', 'node-cjs', 'index.smtp');
	const listenPool = poolFor(listen);
	const smtpPool = poolFor(smtp);
	try {
		assert.deepEqual(json(await invoke(listenPool, listen)), {listened: false, code: 'EACCES'});
		assert.deepEqual(json(await invoke(smtpPool, smtp)), {code: 'ECONNREFUSED'});
	} finally {
		await Promise.all([listenPool.dispose(), smtpPool.dispose()]);
	}
});

test('layers: node_modules from nodejs/ and executables from bin/', async () => {
	const layers = [join(fixtures, 'layer-node'), join(fixtures, 'layer-bin')];
	const layer = fixtureFunction('layer', 'nodejs20.x', 'node-cjs', 'index.layer');
	const tool = fixtureFunction('tool', 'nodejs20.x', 'node-cjs', 'index.tool');
	const layerPool = poolFor(layer, layers);
	const toolPool = poolFor(tool, layers);
	try {
		assert.deepEqual(json(await invoke(layerPool, layer)), {greeting: 'hello from the layer'});
		assert.equal(json(await invoke(toolPool, tool)), 'layer tool says hi');
	} finally {
		await Promise.all([layerPool.dispose(), toolPool.dispose()]);
	}
});

test('overlapping invocations each get their own environment', async () => {
	const fn = fixtureFunction('sleep', 'nodejs20.x', 'misbehaving', 'index.sleep');
	const pool = poolFor(fn);
	try {
		await invoke(pool, fn, {ms: 1});
		const started = Date.now();
		const outcomes = await Promise.all([1, 2, 3].map(() => invoke(pool, fn, {ms: 300})));
		assert.ok(outcomes.every(outcome => outcome.ok));
		assert.ok(Date.now() - started < 850, `ran in parallel (${Date.now() - started} ms)`);
	} finally {
		await pool.dispose();
	}
});
