import {test} from 'node:test';
import assert from 'node:assert/strict';
import {cpSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {openDatabase} from '../../source/store/database.js';
import {FunctionService, functionStats, invocationLogs, LambdaServiceError, listInvocations} from '../../source/functions/index.js';
import type {FunctionConfig} from '../../source/project/model.js';
import {fixtureFunction, fixtures} from './fixtureFunctions.js';

function service(functions: FunctionConfig[], extra: Partial<ConstructorParameters<typeof FunctionService>[0]> = {}) {
	const db = openDatabase(':memory:');
	const svc = new FunctionService({
		db,
		functions,
		region: 'us-east-1',
		accountId: '123456789012',
		versionsDir: mkdtempSync(join(tmpdir(), 'stratus-versions-')),
		...extra,
	});
	return {db, svc};
}

const echo = fixtureFunction('echo', 'nodejs20.x', 'node-cjs', 'index.handler');
const thrower = fixtureFunction('thrower', 'nodejs20.x', 'misbehaving', 'index.throws');
const sleeper = fixtureFunction('sleeper', 'nodejs20.x', 'misbehaving', 'index.sleep');

async function rejects(promise: Promise<unknown>, code: string, message?: RegExp | string, reason?: string): Promise<LambdaServiceError> {
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof LambdaServiceError, String(error));
		assert.equal(error.code, code);
		if (typeof message === 'string') assert.equal(error.message, message);
		else if (message) assert.match(error.message, message);
		if (reason) assert.equal(error.reason, reason);
		return error;
	}
	assert.fail(`expected ${code}`);
}

test('invoke by name, qualified name and ARNs; every invocation is a row with its Lambda log', async () => {
	const {db, svc} = service([echo]);
	try {
		const names = ['echo', 'echo:$LATEST', 'arn:aws:lambda:us-east-1:123456789012:function:echo', '123456789012:function:echo'];
		const results = [];
		for (const functionName of names) results.push(await svc.invoke({functionName, payload: '{"n":1}', logType: 'Tail'}));
		for (const result of results) {
			assert.equal(result.statusCode, 200);
			assert.equal(result.functionError, undefined);
			assert.equal(result.executedVersion, '$LATEST');
			assert.deepEqual(JSON.parse(result.payload.toString()).event, {n: 1});
		}
		const tail = Buffer.from(results[0].logResult!, 'base64').toString();
		const id = results[0].requestId;
		assert.match(tail, new RegExp(`^\\S+\\tundefined\\tINFO\\tinit hi\\nSTART RequestId: ${id} Version: \\$LATEST\\n\\S+\\t${id}\\tINFO\\tevent \\{"n":1\\}\\nEND RequestId: ${id}\\nREPORT RequestId: ${id}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d\\d ms\\n$`));
		const warm = Buffer.from(results[1].logResult!, 'base64').toString();
		assert.match(warm.trimEnd().split('\n').at(-1)!, /^REPORT RequestId: \S+\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB$/);

		await new Promise(resolve => setImmediate(resolve));
		const rows = listInvocations(db, {functionName: 'echo'});
		assert.equal(rows.length, 4);
		const cold = rows.find(row => row.requestId === id)!;
		assert.equal(cold.status, 'SUCCEEDED');
		assert.equal(cold.version, '$LATEST');
		assert.ok(cold.initDurationMs! > 0);
		assert.equal(cold.billedDurationMs, Math.ceil(cold.durationMs + cold.initDurationMs!));
		const expectedCost = (128 / 1024) * (cold.billedDurationMs / 1000) * 0.0000166667 + 0.2 / 1e6;
		assert.ok(Math.abs(cold.cost - expectedCost) < 1e-15);
		assert.deepEqual(invocationLogs(db, id), tail.trimEnd().split('\n'));
		const [stats] = functionStats(db);
		assert.equal(stats.functionName, 'echo');
		assert.equal(stats.invocations, 4);
		assert.equal(stats.errors, 0);
		assert.ok(stats.p95DurationMs >= stats.p50DurationMs);
	} finally {
		await svc.close();
	}
});

test('unknown functions, versions and aliases are ResourceNotFoundException naming the qualified ARN', async () => {
	const {svc} = service([echo]);
	try {
		await rejects(svc.invoke({functionName: 'nope'}), 'ResourceNotFoundException', 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:$LATEST');
		await rejects(svc.invoke({functionName: 'echo:7'}), 'ResourceNotFoundException', 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:echo:7');
		await rejects(svc.invoke({functionName: 'echo', qualifier: 'prod'}), 'ResourceNotFoundException', 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:echo:prod');
		await rejects(svc.invoke({functionName: 'arn:aws:lambda:eu-west-1:111111111111:function:gone'}), 'ResourceNotFoundException', /eu-west-1:111111111111:function:gone:\$LATEST$/);
		const error = await rejects(svc.invoke({functionName: 'echo:1', qualifier: '2'}), 'InvalidParameterValueException');
		assert.equal(error.statusCode, 400);
	} finally {
		await svc.close();
	}
});

test('function errors are 200 with FunctionError Unhandled; bad requests are rejected before running', async () => {
	const {db, svc} = service([thrower, echo]);
	try {
		const result = await svc.invoke({functionName: 'thrower'});
		assert.equal(result.statusCode, 200);
		assert.equal(result.functionError, 'Unhandled');
		assert.equal(JSON.parse(result.payload.toString()).errorType, 'TypeError');
		await rejects(svc.invoke({functionName: 'echo', payload: Buffer.alloc(6 * 1024 * 1024 + 1, 32)}), 'RequestEntityTooLargeException', 'Request must be smaller than 6291456 bytes for the InvokeFunction operation');
		await rejects(svc.invoke({functionName: 'echo', invocationType: 'Event', payload: `"${'x'.repeat(256 * 1024)}"`}), 'RequestEntityTooLargeException', /262144 bytes/);
		await rejects(svc.invoke({functionName: 'echo', payload: '{not json'}), 'InvalidRequestContentException', /^Could not parse request body into json: Could not parse payload into json: /);
		const dry = await svc.invoke({functionName: 'echo', invocationType: 'DryRun'});
		assert.equal(dry.statusCode, 204);
		await new Promise(resolve => setImmediate(resolve));
		const [row] = listInvocations(db, {functionName: 'thrower'});
		assert.equal(row.status, 'FAILED');
		assert.equal(row.errorType, 'TypeError');
		assert.equal(listInvocations(db, {functionName: 'echo'}).length, 0, 'rejected and dry-run invokes never ran');
	} finally {
		await svc.close();
	}
});

test('a timeout is recorded with the timeout line and Status: timeout in REPORT', async () => {
	const loop = fixtureFunction('loop', 'nodejs20.x', 'misbehaving', 'index.loop', {timeout: 1});
	const {db, svc} = service([loop]);
	try {
		const result = await svc.invoke({functionName: 'loop'});
		assert.equal(result.functionError, 'Unhandled');
		assert.equal(JSON.parse(result.payload.toString()).errorType, 'Sandbox.Timedout');
		await new Promise(resolve => setImmediate(resolve));
		const [row] = listInvocations(db);
		assert.equal(row.status, 'TIMED_OUT');
		const lines = invocationLogs(db, result.requestId);
		assert.ok(lines.some(line => new RegExp(`^\\S+Z ${result.requestId} Task timed out after 1\\.00 seconds$`).test(line)));
		assert.match(lines.at(-1)!, /\tStatus: timeout$/);
	} finally {
		await svc.close();
	}
});

test('reserved and account concurrency throttle with the matching reason', async () => {
	const reserved = {...sleeper, name: 'reserved', reservedConcurrency: 1};
	const a = {...sleeper, name: 'a'};
	const {svc} = service([reserved, a], {accountConcurrency: 102});
	try {
		const first = svc.invoke({functionName: 'reserved', payload: '{"ms":200}'});
		await rejects(svc.invoke({functionName: 'reserved', payload: '{"ms":1}'}), 'TooManyRequestsException', 'Rate Exceeded.', 'ReservedFunctionConcurrentInvocationLimitExceeded');
		assert.equal((await first).statusCode, 200);
		const running = Array.from({length: 101}, () => svc.invoke({functionName: 'a', payload: '{"ms":300}'}));
		const error = await rejects(svc.invoke({functionName: 'a', payload: '{"ms":1}'}), 'TooManyRequestsException', 'Rate Exceeded.', 'ConcurrentInvocationLimitExceeded');
		assert.equal(error.statusCode, 429);
		await Promise.all(running);
		assert.equal((await svc.invoke({functionName: 'a', payload: '{"ms":1}'})).statusCode, 200, 'slots come back');
	} finally {
		await svc.close();
	}
});

test('versions freeze code, aliases route by weight, qualified invokes run the chosen version', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'stratus-fn-'));
	cpSync(join(fixtures, 'node-cjs'), dir, {recursive: true});
	const fn = {...echo, name: 'versioned', codeDir: dir, handler: 'v.handler'};
	writeFileSync(join(dir, 'v.js'), "exports.handler = async () => 'one';\n");
	const rolls = [0.2, 0.7];
	const {db, svc} = service([fn], {random: () => rolls.shift() ?? 0.5, hotReload: false});
	try {
		assert.equal(svc.publishVersion('versioned', 'first').version, '1');
		assert.equal(svc.publishVersion('versioned').version, '1', 'unchanged code publishes nothing new');
		writeFileSync(join(dir, 'v.js'), "exports.handler = async () => 'two';\n");
		assert.equal(svc.publishVersion('versioned').version, '2');
		writeFileSync(join(dir, 'v.js'), "exports.handler = async () => 'latest';\n");

		const body = async (functionName: string, qualifier?: string) => {
			const result = await svc.invoke({functionName, qualifier});
			return [JSON.parse(result.payload.toString()), result.executedVersion];
		};
		assert.deepEqual(await body('versioned:1'), ['one', '1']);
		assert.deepEqual(await body('versioned', '2'), ['two', '2']);
		assert.deepEqual(await body('versioned'), ['latest', '$LATEST']);

		const alias = svc.createAlias({functionName: 'versioned', name: 'prod', functionVersion: '1'});
		assert.equal(alias.aliasArn, 'arn:aws:lambda:us-east-1:123456789012:function:versioned:prod');
		assert.deepEqual(await body('arn:aws:lambda:us-east-1:123456789012:function:versioned:prod'), ['one', '1']);
		assert.throws(() => svc.createAlias({functionName: 'versioned', name: 'prod', functionVersion: '2'}), /Alias already exists/);
		svc.updateAlias({functionName: 'versioned', name: 'prod', additionalVersionWeights: {'2': 0.5}});
		assert.deepEqual(await body('versioned:prod'), ['two', '2'], 'roll 0.2 < 0.5 goes to the additional version');
		assert.deepEqual(await body('versioned:prod'), ['one', '1'], 'roll 0.7 stays on the primary');
		assert.throws(() => svc.updateAlias({functionName: 'versioned', name: 'prod', functionVersion: '9'}), /Function not found/);

		await new Promise(resolve => setImmediate(resolve));
		const viaAlias = listInvocations(db, {functionName: 'versioned'}).filter(row => row.qualifier === 'prod');
		assert.deepEqual(viaAlias.map(row => row.version).sort(), ['1', '1', '2']);
	} finally {
		await svc.close();
	}
});

test('AutoPublishAlias publishes the code on first use and points the alias at it', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'stratus-fn-'));
	cpSync(join(fixtures, 'node-cjs'), dir, {recursive: true});
	const fn = {...echo, name: 'auto', codeDir: dir, autoPublishAlias: 'live'};
	const {svc} = service([fn]);
	try {
		const result = await svc.invoke({functionName: 'auto:live'});
		assert.equal(result.executedVersion, '1');
		assert.equal(svc.getAlias('auto', 'live').functionVersion, '1');
	} finally {
		await svc.close();
	}
});

test('a changed handler file restarts environments once; later requests reuse them', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'stratus-fn-'));
	writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}');
	writeFileSync(join(dir, 'app.js'), "exports.handler = async () => 'before';\n");
	const fn = {...echo, name: 'hot', codeDir: dir, handler: 'app.handler'};
	const {db, svc} = service([fn]);
	try {
		assert.equal(JSON.parse((await svc.invoke({functionName: 'hot'})).payload.toString()), 'before');
		writeFileSync(join(dir, 'app.js'), "exports.handler = async () => 'after';\n");
		let value = 'before';
		for (let i = 0; i < 100 && value === 'before'; i++) {
			await new Promise(resolve => setTimeout(resolve, 20));
			value = JSON.parse((await svc.invoke({functionName: 'hot'})).payload.toString());
		}
		assert.equal(value, 'after');
		for (let i = 0; i < 3; i++) await svc.invoke({functionName: 'hot'});
		await new Promise(resolve => setImmediate(resolve));
		const colds = listInvocations(db, {functionName: 'hot'}).filter(row => row.initDurationMs !== null);
		assert.equal(colds.length, 2, 'one cold start for the first code, one for the change');
	} finally {
		await svc.close();
	}
});

test('async invokes retry with back-off, then deliver the failure record to a destination function', async () => {
	const failing = {...thrower, name: 'failing', eventInvokeConfig: {onFailure: 'arn:aws:lambda:us-east-1:123456789012:function:echo'}, deadLetterTarget: 'arn:aws:sqs:us-east-1:123456789012:dlq'};
	const ok = {...echo, name: 'ok', eventInvokeConfig: {maximumRetryAttempts: 0, onSuccess: 'arn:aws:sqs:us-east-1:123456789012:done'}};
	const {db, svc} = service([failing, ok, echo], {async: {retryDelaysMs: [30, 60]}});
	try {
		const accepted = await svc.invoke({functionName: 'failing', invocationType: 'Event', payload: '{"job":1}'});
		assert.equal(accepted.statusCode, 202);
		assert.equal(accepted.payload.length, 0);
		const done = await svc.invoke({functionName: 'ok', invocationType: 'Event', payload: '{"job":2}'});
		await svc.drainAsync();
		await new Promise(resolve => setImmediate(resolve));

		const attempts = listInvocations(db, {functionName: 'failing'});
		assert.equal(attempts.length, 3, 'first try and two retries');
		assert.ok(attempts.every(row => row.requestId === accepted.requestId && row.invocationType === 'Event'));
		const times = attempts.map(row => row.startTime).sort();
		assert.ok(times[1] - times[0] >= 30 && times[2] - times[1] >= 60, 'retries wait their back-off');

		const records = svc.store.destinationRecords('failing');
		const onFailure = records.find(record => record.kind === 'OnFailure')!;
		const record = JSON.parse(onFailure.record);
		assert.equal(record.version, '1.0');
		assert.deepEqual(record.requestContext, {
			requestId: accepted.requestId,
			functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:failing:$LATEST',
			condition: 'RetriesExhausted',
			approximateInvokeCount: 3,
		});
		assert.deepEqual(record.requestPayload, {job: 1});
		assert.deepEqual(record.responseContext, {statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled'});
		assert.equal(record.responsePayload.errorType, 'TypeError');
		const dead = JSON.parse(records.find(r => r.kind === 'DeadLetter')!.record);
		assert.deepEqual(dead, {payload: {job: 1}, attributes: {RequestID: accepted.requestId, ErrorCode: '200', ErrorMessage: 'bad input'}});

		const [delivered] = listInvocations(db, {functionName: 'echo'});
		assert.ok(delivered, 'the destination function was invoked');
		assert.ok(invocationLogs(db, delivered.requestId).some(line => line.includes('"condition":"RetriesExhausted"')));

		const success = JSON.parse(svc.store.destinationRecords('ok').find(r => r.kind === 'OnSuccess')!.record);
		assert.equal(success.requestContext.requestId, done.requestId);
		assert.equal(success.requestContext.condition, 'Success');
		assert.deepEqual(success.responsePayload.event, {job: 2});
	} finally {
		await svc.close();
	}
});

test('an event older than MaximumEventAgeInSeconds is dropped to its failure destination', async () => {
	const old = {...thrower, name: 'old', eventInvokeConfig: {maximumEventAgeInSeconds: 0.05, onFailure: 'arn:aws:sqs:us-east-1:123456789012:late'}};
	const {db, svc} = service([old], {async: {retryDelaysMs: [150]}});
	try {
		await svc.invoke({functionName: 'old', invocationType: 'Event', payload: '{}'});
		await svc.drainAsync();
		await new Promise(resolve => setImmediate(resolve));
		assert.equal(listInvocations(db, {functionName: 'old'}).length, 1, 'the retry never ran');
		const record = JSON.parse(svc.store.destinationRecords('old')[0].record);
		assert.equal(record.requestContext.condition, 'EventAgeExceeded');
		assert.equal(record.requestContext.approximateInvokeCount, 1);
	} finally {
		await svc.close();
	}
});

test('python functions through the service: AWS-shaped errors and layers', async () => {
	const py = fixtureFunction('pyfail', 'python3.12', 'python', 'handler.fail');
	const pyLayer = fixtureFunction('pylayer', 'python3.12', 'python', 'handler.layer', {layers: ['arn:aws:lambda:us-east-1:123456789012:layer:greeting:1']});
	const {svc} = service([py, pyLayer], {
		layers: [{logicalId: 'Greeting', name: 'greeting', contentDir: join(fixtures, 'layer-python'), arn: 'arn:aws:lambda:us-east-1:123456789012:layer:greeting:1'}],
	});
	try {
		const failed = await svc.invoke({functionName: 'pyfail'});
		assert.equal(failed.functionError, 'Unhandled');
		const body = JSON.parse(failed.payload.toString());
		assert.equal(body.errorType, 'Exception');
		assert.equal(body.errorMessage, 'Some exception was raised.');
		assert.equal(body.requestId, failed.requestId);
		assert.deepEqual(JSON.parse((await svc.invoke({functionName: 'pylayer'})).payload.toString()), {greeting: 'hello from the python layer'});
	} finally {
		await svc.close();
	}
});

test('limits on the function configuration are checked when it is first used', async () => {
	const {svc} = service([{...echo, name: 'huge', memorySize: 20000}, {...echo, name: 'slow', timeout: 901}, {...echo, name: 'java', runtime: 'java21'}]);
	try {
		await rejects(svc.invoke({functionName: 'java'}), 'InvalidRuntimeException', /java21/);
		await rejects(svc.invoke({functionName: 'huge'}), 'InvalidParameterValueException', /'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240$/);
		await rejects(svc.invoke({functionName: 'slow'}), 'InvalidParameterValueException', /'timeout' failed to satisfy constraint: Member must have value less than or equal to 900$/);
	} finally {
		await svc.close();
	}
});

test('with a database file, rows are committed by the writer thread and readable after flushed()', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'stratus-db-'));
	const db = openDatabase(join(dir, 'stratus.db'));
	const svc = new FunctionService({db, functions: [echo], region: 'us-east-1', accountId: '123456789012'});
	try {
		const results = await Promise.all(Array.from({length: 20}, (_, n) => svc.invoke({functionName: 'echo', payload: JSON.stringify({n})})));
		await svc.flushed();
		const other = openDatabase(join(dir, 'stratus.db'));
		assert.equal(listInvocations(other, {functionName: 'echo', limit: 100}).length, 20, 'another connection sees every row');
		assert.match(invocationLogs(other, results[7].requestId).at(-1)!, /^REPORT RequestId: /);
		other.close();
	} finally {
		await svc.close();
		db.close();
	}
});
