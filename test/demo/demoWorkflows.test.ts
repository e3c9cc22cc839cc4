/**
 * Every demo workflow run headless through the CLI, as a user or a CI script runs
 * it (`stratus run MACHINE --input-file events/X.json --json --time-skip`), each
 * input taking its path to the expected end. Human approvals are answered from a
 * second process (`stratus tasks`, `stratus approve`/`reject`) while `run` waits.
 *
 * Uses the built CLI (dist/cli.js, which `npm test` builds first) and falls back to
 * the sources through tsx. A run that fails only because the engine has no Lambda
 * runtime wired in yet is skipped as pending rather than failed; any other outcome
 * is asserted.
 */
import {execFile, spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {after, describe, test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';

const root = fileURLToPath(new URL('../../', import.meta.url));
const builtCli = join(root, 'dist', 'cli.js');
const cliArgs = existsSync(builtCli) ? [builtCli] : ['--import', 'tsx', join(root, 'cli.tsx')];
const scratch = mkdtempSync(join(tmpdir(), 'stratus-demo-workflows-'));
const thumbnailsDir = join(scratch, 'thumbnails');
const lambdaPending = /No Lambda functions are loaded/;

after(() => rmSync(scratch, {recursive: true, force: true}));

interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

let databases = 0;

/** Global options go last: `--parameter-overrides` takes every word after it. */
function globals(db: string): string[] {
	return [
		'--template',
		join(root, 'fixtures/demo/template.yaml'),
		'--db',
		db,
		'--parameter-overrides',
		`ThumbnailsDir=${thumbnailsDir} InstancesDbPath=${join(scratch, 'instances.db')}`,
	];
}

function stratus(args: string[], db: string): Promise<CliResult> {
	return new Promise(resolve => {
		execFile(process.execPath, [...cliArgs, ...args, ...globals(db)], {cwd: root, timeout: 60_000, maxBuffer: 32 * 1024 * 1024}, (error, stdout, stderr) =>
			resolve({code: error ? ((error as {code?: number}).code ?? 1) : 0, stdout, stderr}),
		);
	});
}

function freshDb(): string {
	return join(scratch, `run-${++databases}.db`);
}

interface RunResult {
	executionArn: string;
	status: string;
	output: any;
	error: string | null;
	cause: string | null;
	events?: Array<{type: string; timestamp: string | number; stateEnteredEventDetails?: {name: string}}>;
}

function parseRun(result: CliResult): RunResult {
	assert.notEqual(result.stdout.trim(), '', `run printed nothing (exit ${result.code}): ${result.stderr}`);
	const run = JSON.parse(result.stdout) as RunResult;
	assert.equal(result.code, run.status === 'SUCCEEDED' ? 0 : 1, 'exit code follows the status');
	return run;
}

/** Runs a machine to its end; undefined (and the test skipped) while Lambda is not wired into the engine. */
async function run(t: TestContext, machine: string, inputFile: string, extra: string[] = []): Promise<RunResult | undefined> {
	const result = parseRun(await stratus(['run', machine, '--input-file', join(root, 'fixtures/demo/events', inputFile), '--json', '--time-skip', ...extra], freshDb()));
	return pendingOrResult(t, result);
}

function pendingOrResult(t: TestContext, result: RunResult): RunResult | undefined {
	if (result.status === 'FAILED' && lambdaPending.test(result.cause ?? '')) {
		t.skip('pending: the engine does not invoke Lambda functions yet');
		return undefined;
	}
	return result;
}

function seconds(from: string | number, to: string | number): number {
	return (new Date(to).getTime() - new Date(from).getTime()) / 1000;
}

function count(run: RunResult, type: string): number {
	return (run.events ?? []).filter(event => event.type === type).length;
}

function pngSize(path: string): {width: number; height: number} {
	const header = readFileSync(path).subarray(0, 24);
	return {width: header.readUInt32BE(16), height: header.readUInt32BE(20)};
}

interface PendingTask {
	taskToken: string;
	executionArn: string;
	stateName: string;
	input: any;
}

/**
 * Starts `run` (real time: a human is in the loop), waits for its task to show in
 * `stratus tasks`, answers it with `answer(token)`, and returns the run's result.
 */
async function runWithHuman(t: TestContext, machine: string, stateName: string, answer: (task: PendingTask) => string[]): Promise<{run?: RunResult; task?: PendingTask}> {
	const db = freshDb();
	const child = spawn(process.execPath, [...cliArgs, 'run', machine, '--input-file', join(root, 'fixtures/demo/events/approval-request.json'), '--json', ...globals(db)], {cwd: root});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', chunk => (stdout += chunk));
	child.stderr.on('data', chunk => (stderr += chunk));
	const finished = new Promise<CliResult>(resolve => child.on('close', code => resolve({code, stdout, stderr})));
	let ended = false;
	void finished.then(() => (ended = true));
	try {
		let task: PendingTask | undefined;
		const deadline = Date.now() + 30_000;
		while (!task && !ended && Date.now() < deadline) {
			const listed = await stratus(['tasks', '--json'], db);
			assert.equal(listed.code, 0, listed.stderr);
			task = (JSON.parse(listed.stdout) as PendingTask[]).find(pending => pending.stateName === stateName);
			// Each look is a process of its own: look every 300 ms, not in a tight loop.
			if (!task) await new Promise(resolve => setTimeout(resolve, 300));
		}
		if (!task) {
			const early = pendingOrResult(t, parseRun(await finished));
			if (early) assert.fail(`${machine} ended before ${stateName} waited for a human: ${JSON.stringify(early)}`);
			return {};
		}
		const answered = await stratus(answer(task), db);
		assert.equal(answered.code, 0, answered.stderr);
		return {run: parseRun(await finished), task};
	} finally {
		if (!ended) child.kill();
	}
}

// One pool for every run: two cores, and each run is its own node process (plus Lambda workers).
describe('demo workflows through the CLI', {concurrency: 3}, () => {
	test('OrderWorkflow: an order from region A is created in warehouse A and processed by the live alias', async t => {
		const result = await run(t, 'OrderWorkflow', 'order-a.json');
		if (!result) return;
		assert.equal(result.status, 'SUCCEEDED', JSON.stringify(result));
		assert.equal(result.output.orderId, '1001');
		assert.equal(result.output.status, 'PROCESSED');
		assert.equal(result.output.warehouse, 'warehouse-frankfurt');
		assert.equal(result.output.total, 138.9);
		assert.match(result.output.confirmationId, /^A-1001-[0-9a-f]{8}$/);
		// Invoked through the `live` alias, so a published version runs, never $LATEST.
		assert.match(result.output.processedBy, /^ProcessOrderFunction:\d+$/);
	});

	test('OrderWorkflow: an order from region B is created in warehouse B', async t => {
		const result = await run(t, 'OrderWorkflow', 'order-b.json');
		if (!result) return;
		assert.equal(result.status, 'SUCCEEDED', JSON.stringify(result));
		assert.equal(result.output.warehouse, 'warehouse-dublin');
		assert.match(result.output.confirmationId, /^B-1002-[0-9a-f]{8}$/);
	});

	test('OrderWorkflow: an order from an unserved region fails in UnservedRegion', async t => {
		const result = await run(t, 'OrderWorkflow', 'order-unserved.json');
		if (!result) return;
		assert.deepEqual(
			{status: result.status, error: result.error, cause: result.cause},
			{status: 'FAILED', error: 'UnservedRegion', cause: "No warehouse serves the order's region"},
		);
	});

	test('OrderWorkflow: a DatabaseError while fetching is caught into NoOrderPossible, with the error as the cause', async t => {
		const result = await run(t, 'OrderWorkflow', 'order-db-error.json', ['--history']);
		if (!result) return;
		assert.equal(result.status, 'FAILED');
		assert.equal(result.error, 'NoOrderPossible');
		const cause = JSON.parse(result.cause ?? '{}');
		assert.equal(cause.errorType, 'DatabaseError');
		assert.match(cause.errorMessage, /order 5000/);
		const entered = (result.events ?? []).filter(event => event.type.endsWith('StateEntered')).map(event => event.stateEnteredEventDetails?.name);
		assert.deepEqual(entered, ['FetchAnOrder', 'NoOrderPossible']);
	});
	test('ActivityApprovalWorkflow: a reviewer approves through stratus approve', async t => {
		const {run: result, task} = await runWithHuman(t, 'ActivityApprovalWorkflow', 'WaitForApproval', pending => [
			'approve',
			pending.taskToken,
			'--output',
			'{"approved": true, "reviewer": "grace@example.com"}',
		]);
		if (!result) return;
		assert.equal(task?.input.requestId, 'REQ-42');
		assert.equal(result.status, 'SUCCEEDED', JSON.stringify(result));
		assert.deepEqual(result.output, {requestId: 'REQ-42', status: 'APPROVED', reviewer: 'grace@example.com'});
	});

	test('ActivityApprovalWorkflow: a reviewer rejects through stratus reject, caught into Rejected', async t => {
		const {run: result} = await runWithHuman(t, 'ActivityApprovalWorkflow', 'WaitForApproval', pending => [
			'reject',
			pending.taskToken,
			'--error',
			'Rejected',
			'--cause',
			'over budget',
		]);
		if (!result) return;
		assert.deepEqual({status: result.status, error: result.error, cause: result.cause}, {status: 'FAILED', error: 'Rejected', cause: 'The reviewer rejected the request'});
	});

	test('CallbackApprovalWorkflow: the emailed task token is answered with approval', async t => {
		const {run: result} = await runWithHuman(t, 'CallbackApprovalWorkflow', 'RequestApproval', pending => ['approve', pending.taskToken, '--output', '{"approved": true}']);
		if (!result) return;
		assert.equal(result.status, 'SUCCEEDED', JSON.stringify(result));
		assert.deepEqual(result.output, {requestId: 'REQ-42', status: 'APPROVED', approver: 'manager@example.com'});
	});

	test('CallbackApprovalWorkflow: an answer of approved=false takes the Choice to Rejected', async t => {
		const {run: result} = await runWithHuman(t, 'CallbackApprovalWorkflow', 'RequestApproval', pending => ['approve', pending.taskToken, '--output', '{"approved": false}']);
		if (!result) return;
		assert.deepEqual({status: result.status, error: result.error}, {status: 'FAILED', error: 'Rejected'});
	});
	test('ImageProcessingWorkflow: thumbnails every image in the Map while the parallel branch reads their metadata', async t => {
		const result = await run(t, 'ImageProcessingWorkflow', 'images.json');
		if (!result) return;
		assert.equal(result.status, 'SUCCEEDED', JSON.stringify(result));
		assert.equal(result.output.imageCount, 3);
		assert.deepEqual(
			result.output.metadata.map((m: any) => [m.image, m.width, m.height]),
			[
				['sunrise.png', 96, 64],
				['forest.png', 80, 80],
				['ocean.png', 120, 60],
			],
		);
		assert.deepEqual(result.output.thumbnails, ['sunrise', 'forest', 'ocean'].map(name => join(thumbnailsDir, `${name}-32w.png`)));
		assert.deepEqual(result.output.thumbnails.map(pngSize), [
			{width: 32, height: 21},
			{width: 32, height: 32},
			{width: 32, height: 16},
		]);
	});
	test('instances: the two schedules fire on weekday mornings (UTC) and evenings (London time)', async () => {
		const listed = await stratus(['schedules', '--json'], freshDb());
		assert.equal(listed.code, 0, listed.stderr);
		const schedules = Object.fromEntries((JSON.parse(listed.stdout) as Array<{name: string; [key: string]: unknown}>).map(s => [s.name, s]));
		const start = schedules['StartInstancesFunction/WeekdayMornings'];
		const stop = schedules['StopInstancesFunction/WeekdayEvenings'];
		assert.deepEqual([start?.expression, start?.timezone], ['cron(0 8 ? * MON-FRI *)', 'UTC']);
		assert.deepEqual([stop?.expression, stop?.timezone], ['cron(0 18 ? * MON-FRI *)', 'Europe/London']);
		const local = (iso: unknown, timeZone: string) =>
			new Intl.DateTimeFormat('en-GB', {timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'}).format(new Date(String(iso)));
		assert.match(local(start.nextFire, 'UTC'), /^(Mon|Tue|Wed|Thu|Fri) 08:00$/);
		assert.match(local(stop.nextFire, 'Europe/London'), /^(Mon|Tue|Wed|Thu|Fri) 18:00$/);
	});

	test('instances: invoking the start and stop functions as their schedules would moves the fleet', async () => {
		const db = freshDb();
		const started = await stratus(['invoke', 'StartInstancesFunction', '--payload-file', join(root, 'fixtures/demo/events/schedule-event.json'), '--json'], db);
		assert.equal(started.code, 0, started.stderr);
		const response = JSON.parse(started.stdout);
		assert.equal(response.StatusCode, 200);
		assert.equal(response.FunctionError ?? null, null);
		assert.equal(response.Payload.action, 'start');
		assert.ok(response.Payload.fleet.every((instance: {state: string}) => instance.state === 'running'));
		const stopped = JSON.parse((await stratus(['invoke', 'StopInstancesFunction', '--payload', '{"schedule": "office-hours"}', '--json'], db)).stdout);
		assert.ok(stopped.Payload.fleet.every((instance: {state: string}) => instance.state === 'stopped'));
	});
	test('RetryPattern: two ServiceUnavailable failures are retried with 2 s and 4 s back-off, then it succeeds', async t => {
		const result = await run(t, 'RetryPattern', 'retry-recovers.json', ['--history']);
		if (!result) return;
		assert.equal(result.status, 'SUCCEEDED', JSON.stringify(result));
		assert.equal(result.output.attempts, 3);
		assert.equal(count(result, 'LambdaFunctionFailed'), 2);
		assert.equal(count(result, 'LambdaFunctionScheduled'), 3);
		const events = result.events!;
		assert.ok(seconds(events[0].timestamp, events[events.length - 1].timestamp) >= 6, 'the back-off shows in the history timestamps');
	});

	test('RetryPattern: a service down for five attempts exhausts MaxAttempts and fails the execution', async t => {
		const result = await run(t, 'RetryPattern', 'retry-gives-up.json', ['--history']);
		if (!result) return;
		assert.equal(result.status, 'FAILED');
		assert.equal(result.error, 'ServiceUnavailable');
		assert.equal(count(result, 'LambdaFunctionFailed'), 4);
	});

	test('SequencePattern: three functions in a row build the quote', async t => {
		const result = await run(t, 'SequencePattern', 'quote.json');
		if (!result) return;
		assert.equal(result.status, 'SUCCEEDED', JSON.stringify(result));
		assert.deepEqual(result.output, {sku: 'KB-101', product: 'Mechanical keyboard', quantity: 2, subtotal: 179.8, discount: 26.97, tax: 29.04, total: 181.87});
	});

	test('TryCatchFinallyPattern: a good card is charged and the reservation released', async t => {
		const result = await run(t, 'TryCatchFinallyPattern', 'payment-ok.json');
		if (!result) return;
		assert.equal(result.status, 'SUCCEEDED', JSON.stringify(result));
		assert.equal(result.output.status, 'PAID');
		assert.equal(result.output.reservationReleased, true);
		assert.match(result.output.chargeId, /^ch_[0-9a-f]{16}$/);
	});

	test('TryCatchFinallyPattern: a declined card still releases the reservation, then re-raises PaymentDeclined', async t => {
		const result = await run(t, 'TryCatchFinallyPattern', 'payment-declined.json', ['--history']);
		if (!result) return;
		assert.equal(result.status, 'FAILED');
		assert.equal(result.error, 'PaymentDeclined');
		assert.equal(JSON.parse(result.cause ?? '{}').errorMessage, 'The card ending in 0002 was declined');
		const entered = (result.events ?? []).filter(event => event.type.endsWith('StateEntered')).map(event => event.stateEnteredEventDetails?.name);
		assert.deepEqual(entered, ['ReserveStock', 'ChargeCard', 'RecordFailure', 'ReleaseReservation', 'Outcome', 'Reraise']);
	});

	test('ChoicePattern (EXPRESS): each parcel gets its shipping method, an overweight one fails', async t => {
		const expected: Array<[string, string]> = [
			['shipping-letter.json', 'letter'],
			['shipping-courier.json', 'courier'],
			['shipping-parcel.json', 'parcel'],
		];
		const runs = await Promise.all(expected.map(([file]) => run(t, 'ChoicePattern', file)));
		for (const [index, [file, method]] of expected.entries()) {
			assert.equal(runs[index]?.status, 'SUCCEEDED', file);
			assert.equal(runs[index]?.output.method, method, file);
			assert.match(runs[index]?.executionArn ?? '', /:express:ChoicePattern:/);
		}
		const heavy = await run(t, 'ChoicePattern', 'shipping-too-heavy.json');
		assert.deepEqual({status: heavy?.status, error: heavy?.error}, {status: 'FAILED', error: 'TooHeavy'});
	});

	test('ParallelPattern: stock, price and delivery come back together', async t => {
		const result = await run(t, 'ParallelPattern', 'stock-check.json');
		if (!result) return;
		assert.equal(result.status, 'SUCCEEDED', JSON.stringify(result));
		assert.deepEqual(result.output, {sku: 'MN-270', inStock: true, shipsFrom: ['warehouse-dublin'], subtotalCents: 55800, deliveryDays: 3});
	});
});
