import {test} from 'node:test';
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {fixtureFunction, fixtures, invoke, json, poolFor} from './fixtureFunctions.js';

test('a Python handler runs behind the Runtime API with an AWS-shaped context and logging', async () => {
	const fn = fixtureFunction('py', 'python3.12', 'python', 'handler.handler');
	const pool = poolFor(fn);
	try {
		const first = await invoke(pool, fn, {a: 1});
		assert.equal(first.ok, true, first.payload.toString());
		const body = json(first);
		assert.deepEqual(body.event, {a: 1});
		assert.equal(body.function_name, 'py');
		assert.equal(body.memory_limit_in_mb, '128');
		assert.equal(body.greeting, 'hi');
		assert.ok(body.remaining > 2000 && body.remaining <= 3000);
		assert.equal(first.initLogs, 'init python\n');
		assert.ok(first.initDurationMs! > 0);
		assert.match(first.logs, /^event \{"a": 1\}\n\[INFO\]\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t/);
		assert.ok(first.logs.includes(`\t${body.request_id}\tlogged through logging\n`));
		assert.ok(first.maxMemoryUsedMB > 0);

		const second = await invoke(pool, fn, {a: 2});
		assert.deepEqual(json(second).event, {a: 2});
		assert.equal(second.initDurationMs, undefined, 'the warm process served it');
	} finally {
		await pool.dispose();
	}
});

test('Python errors are reported as AWS Python runtime does', async () => {
	const fn = fixtureFunction('pyfail', 'python3.12', 'python', 'handler.fail');
	const pool = poolFor(fn);
	try {
		const outcome = await invoke(pool, fn);
		assert.equal(outcome.ok, false);
		assert.equal(outcome.errorType, 'Exception');
		const body = json(outcome);
		assert.deepEqual(Object.keys(body), ['errorMessage', 'errorType', 'requestId', 'stackTrace']);
		assert.equal(body.errorMessage, 'Some exception was raised.');
		assert.match(body.requestId, /^00000000-/);
		assert.equal(body.stackTrace.length, 1, 'the runtime frames are left out');
		// Paths read as on Lambda, where the code is unpacked at /var/task.
		assert.match(body.stackTrace[0], /^ {2}File "\/var\/task\/handler\.py", line \d+, in fail\n {4}raise Exception\("Some exception was raised\."\)\n$/);
		assert.match(outcome.logs, /^\[ERROR\] Exception: Some exception was raised\.\nTraceback \(most recent call last\):\n/);
	} finally {
		await pool.dispose();
	}
});

test('Python results: bytes go out raw, unserialisable values are Runtime.MarshalError, bad imports Runtime.ImportModuleError', async () => {
	const cases = [
		fixtureFunction('bytes', 'python3.12', 'python', 'handler.raw_bytes'),
		fixtureFunction('set', 'python3.12', 'python', 'handler.unserialisable'),
		fixtureFunction('missing', 'python3.12', 'python', 'nosuchmodule.handler'),
		fixtureFunction('noattr', 'python3.12', 'python', 'handler.nosuch'),
	];
	const pools = cases.map(fn => poolFor(fn));
	try {
		const [bytes, set, missing, noattr] = await Promise.all(cases.map((fn, i) => invoke(pools[i], fn)));
		assert.equal(bytes.payload.toString(), '"HelloWorld!"');
		assert.equal(set.errorType, 'Runtime.MarshalError');
		assert.equal(json(set).errorMessage, 'Unable to marshal response: Object of type set is not JSON serializable');
		assert.equal(missing.errorType, 'Runtime.ImportModuleError');
		assert.equal(json(missing).errorMessage, "Unable to import module 'nosuchmodule': No module named 'nosuchmodule'");
		assert.equal(noattr.errorType, 'Runtime.HandlerNotFound');
		assert.equal(json(noattr).errorMessage, "Handler 'nosuch' missing on module 'handler'");
	} finally {
		await Promise.all(pools.map(pool => pool.dispose()));
	}
});

test('Python timeouts, crashes and memory hogs fail the invocation and leave the pool usable', async () => {
	const sleepy = fixtureFunction('sleepy', 'python3.12', 'python', 'handler.sleepy', {timeout: 1});
	const crash = fixtureFunction('crash', 'python3.12', 'python', 'handler.crash');
	const hog = fixtureFunction('pyhog', 'python3.12', 'python', 'handler.hog', {memorySize: 128, timeout: 10});
	const pools = [poolFor(sleepy), poolFor(crash), poolFor(hog)];
	try {
		const [timedOut, crashed, hogged] = await Promise.all([invoke(pools[0], sleepy, {seconds: 30}), invoke(pools[1], crash), invoke(pools[2], hog)]);
		assert.equal(timedOut.errorType, 'Sandbox.Timedout');
		assert.match(json(timedOut).errorMessage, /Task timed out after 1\.00 seconds$/);
		assert.equal(crashed.errorType, 'Runtime.ExitError');
		assert.match(json(crashed).errorMessage, /Runtime exited with error: exit status 3$/);
		assert.equal(hogged.errorType, 'Runtime.OutOfMemory');
		const again = await invoke(pools[0], sleepy, {seconds: 0});
		assert.equal(again.ok, true);
		assert.ok(again.initDurationMs! > 0, 'a fresh process after the timeout');
	} finally {
		await Promise.all(pools.map(pool => pool.dispose()));
	}
});

test("a layer's python/ folder is importable", async () => {
	const fn = fixtureFunction('pylayer', 'python3.12', 'python', 'handler.layer');
	const pool = poolFor(fn, [join(fixtures, 'layer-python')]);
	try {
		assert.deepEqual(json(await invoke(pool, fn)), {greeting: 'hello from the python layer'});
	} finally {
		await pool.dispose();
	}
});

test("AWS's bash custom runtime tutorial runs unmodified, from the function or from a layer", async () => {
	const inline = fixtureFunction('bash', 'provided.al2023', 'bash-runtime', 'function.handler');
	const layered = fixtureFunction('bash-layered', 'provided.al2', 'bash-layered', 'function.handler');
	const inlinePool = poolFor(inline);
	const layeredPool = poolFor(layered, [join(fixtures, 'layer-runtime')]);
	try {
		for (const [pool, fn] of [[inlinePool, inline], [layeredPool, layered]] as const) {
			const first = await invoke(pool, fn, {text: 'Hello'});
			assert.equal(first.ok, true, first.payload.toString());
			assert.equal(first.payload.toString(), `Echoing request: '{"text":"Hello"}'`);
			assert.match(first.logs, /^\{"text":"Hello"\}\n/, 'the handler logs the event to stderr');
			const second = await invoke(pool, fn, {text: 'again'});
			assert.equal(second.payload.toString(), `Echoing request: '{"text":"again"}'`);
			// A custom runtime reports no memory of its own: the peak comes from /proc, on every invocation.
			assert.ok(first.maxMemoryUsedMB >= 1 && second.maxMemoryUsedMB >= first.maxMemoryUsedMB, `${first.maxMemoryUsedMB} then ${second.maxMemoryUsedMB} MB`);
		}
	} finally {
		await Promise.all([inlinePool.dispose(), layeredPool.dispose()]);
	}
});

test('a provided function without a bootstrap is Runtime.InvalidEntrypoint', async () => {
	const fn = fixtureFunction('nobootstrap', 'provided.al2023', 'bash-layered', 'function.handler');
	const pool = poolFor(fn);
	try {
		const outcome = await invoke(pool, fn);
		assert.equal(outcome.errorType, 'Runtime.InvalidEntrypoint');
		assert.match(json(outcome).errorMessage, /Couldn't find valid bootstrap\(s\): \[.*bash-layered\/bootstrap\]$/);
	} finally {
		await pool.dispose();
	}
});
