/**
 * The headless Lambda commands as a script drives them: `stratus invoke` on the
 * demo's Node, TypeScript and Python functions, qualified invokes through an alias
 * and a published version, `logs` (and `--follow`), `publish-version`, `alias`,
 * and the exit codes of Lambda's errors and of a failing handler.
 */
import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {rmSync} from 'node:fs';
import {join} from 'node:path';
import {json, spawnStratus, stratusAsync, tempDir, type CliResult} from '../helpers/cli.js';

const scratch = tempDir('stratus-lambda-cli-');
after(() => rmSync(scratch, {recursive: true, force: true}));

let dbs = 0;
function freshDb(): string {
	return join(scratch, `s${++dbs}.db`);
}

/** Global options last: `--parameter-overrides` takes the words after it. */
function lambda(args: string[], db: string): Promise<CliResult> {
	return stratusAsync([...args, '--template', 'fixtures/demo/template.yaml', '--db', db, '--parameter-overrides', `ThumbnailsDir=${join(scratch, 'thumbs')}`]);
}

interface InvokeJson {
	StatusCode: number;
	FunctionError: string | null;
	Payload: any;
	ExecutedVersion: string;
	LogResult: string | null;
}

function invokeJson(result: CliResult): InvokeJson {
	const response = json<InvokeJson>(result);
	assert.deepEqual(Object.keys(response).sort(), ['ExecutedVersion', 'FunctionError', 'LogResult', 'Payload', 'StatusCode']);
	return response;
}

// Each test has its own database; they run side by side (most of the time is process start-up).
describe('stratus invoke, logs, publish-version, alias', {concurrency: 3}, () => {
	test('invoke --json runs a Node (CommonJS), a TypeScript and a Python function of the demo', async () => {
		const db = freshDb();
		const [node, ts, python] = await Promise.all([
			lambda(['invoke', 'FetchOrderFunction', '--payload', '{"orderId": "1001"}', '--json'], db),
			lambda(['invoke', 'ThumbnailFunction', '--payload', '{"image": "sunrise.png", "width": 32}', '--json'], db),
			lambda(['invoke', 'LookupPriceFunction', '--payload-file', 'fixtures/demo/events/quote.json', '--json'], db),
		]);
		for (const result of [node, ts, python]) assert.equal(result.status, 0, result.stderr);
		const order = invokeJson(node);
		assert.deepEqual([order.StatusCode, order.FunctionError, order.ExecutedVersion, order.LogResult], [200, null, '$LATEST', null]);
		assert.equal(order.Payload.id, '1001');
		assert.equal(order.Payload.total, 138.9);
		const thumbnail = invokeJson(ts).Payload;
		assert.deepEqual([thumbnail.width, thumbnail.height, thumbnail.thumbnail], [32, 21, join(scratch, 'thumbs', 'sunrise-32w.png')]);
		const price = invokeJson(python);
		assert.equal(price.StatusCode, 200);
		assert.deepEqual([price.Payload.product, price.Payload.subtotalCents], ['Mechanical keyboard', 17980]);
	});

	test('qualified invokes: the AutoPublishAlias alias, and a version after publish-version', async () => {
		const db = freshDb();
		const live = invokeJson(await lambda(['invoke', 'ProcessOrderFunction:live', '--payload', '{"orderId": "7", "confirmationId": "A-7"}', '--json'], db));
		assert.equal(live.ExecutedVersion, '1');
		assert.equal(live.Payload.processedBy, 'ProcessOrderFunction:1');

		const missing = await lambda(['invoke', 'FetchOrderFunction:1', '--json'], db);
		assert.equal(missing.status, 2);
		assert.equal(missing.stdout, '');
		assert.match(missing.stderr, /^stratus: ResourceNotFoundException: Function not found: arn:aws:lambda:[^:]+:\d{12}:function:FetchOrderFunction:1\n$/);

		const published = json<Record<string, string>>(await lambda(['publish-version', 'FetchOrderFunction', '--description', 'first cut', '--json'], db));
		assert.equal(published.Version, '1');
		assert.equal(published.Description, 'first cut');
		assert.match(published.FunctionArn, /:function:FetchOrderFunction:1$/);
		assert.match(published.CodeSha256, /^[A-Za-z0-9+/]{43}=$/);
		const again = json<Record<string, string>>(await lambda(['publish-version', 'FetchOrderFunction', '--json'], db));
		assert.equal(again.Version, '1', 'unchanged code publishes no new version');

		const [byVersion, byArn] = await Promise.all([
			lambda(['invoke', 'FetchOrderFunction:1', '--payload', '{"orderId": "1002"}', '--json'], db),
			lambda(['invoke', 'arn:aws:lambda:us-east-1:123456789012:function:FetchOrderFunction', '--qualifier', '1', '--payload', '{"orderId": "1002"}', '--json'], db),
		]);
		for (const result of [byVersion, byArn]) {
			const response = invokeJson(result);
			assert.equal(response.ExecutedVersion, '1');
			assert.equal(response.Payload.id, '1002');
		}
	});

	test('alias creates, updates with weighted routing, lists and deletes', async () => {
		const db = freshDb();
		json(await lambda(['publish-version', 'CreateOrderFunction', '--json'], db));
		const created = json<Record<string, unknown>>(await lambda(['alias', 'CreateOrderFunction', 'prod', '--version', '1', '--description', 'stable', '--json'], db));
		assert.deepEqual(created, {
			AliasArn: 'arn:aws:lambda:us-east-1:123456789012:function:CreateOrderFunction:prod',
			Name: 'prod',
			FunctionVersion: '1',
			Description: 'stable',
		});
		// Only one published version: weighting a second is Lambda's ResourceNotFound, the caller's fault.
		const badWeight = await lambda(['alias', 'CreateOrderFunction', 'prod', '--weights', '{"2": 0.1}'], db);
		assert.equal(badWeight.status, 2);
		assert.match(badWeight.stderr, /ResourceNotFoundException: .*CreateOrderFunction:2/);
		const updated = json<Record<string, unknown>>(await lambda(['alias', 'CreateOrderFunction', 'prod', '--version', '$LATEST', '--json'], db));
		assert.equal(updated.FunctionVersion, '$LATEST');
		assert.equal(updated.Description, 'stable', 'fields left out keep their values');
		const listed = json<Array<{Name: string}>>(await lambda(['alias', 'CreateOrderFunction', '--list', '--json'], db));
		assert.deepEqual(listed.map(a => a.Name), ['prod']);
		const deleted = await lambda(['alias', 'CreateOrderFunction', 'prod', '--delete'], db);
		assert.equal(deleted.status, 0, deleted.stderr);
		assert.deepEqual(json(await lambda(['alias', 'CreateOrderFunction', '--list', '--json'], db)), []);
	});

	test('logs shows the REPORT line of the invocation just made, and --follow streams new ones', async () => {
		const db = freshDb();
		const first = invokeJson(await lambda(['invoke', 'LookupPriceFunction', '--payload-file', 'fixtures/demo/events/quote.json', '--log-type', 'Tail', '--json'], db));
		assert.ok(first.LogResult, 'LogResult with --log-type Tail');
		const tail = Buffer.from(first.LogResult, 'base64').toString('utf8').trimEnd().split('\n');
		const report = tail[tail.length - 1];
		assert.match(report, /^REPORT RequestId: ([0-9a-f-]{36})\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms$/);
		const requestId = /RequestId: (\S+)/.exec(report)![1];

		const logs = await lambda(['logs', 'LookupPriceFunction', '--json'], db);
		assert.equal(logs.status, 0, logs.stderr);
		const chunks = JSON.parse(logs.stdout) as Array<{requestId: string; startTime: string; lines: string[]}>;
		assert.equal(chunks.length, 1);
		assert.equal(chunks[0].requestId, requestId);
		assert.equal(chunks[0].lines[0], `START RequestId: ${requestId} Version: $LATEST`);
		assert.ok(chunks[0].lines.some(line => line.includes('"message": "price looked up"')), 'what the handler logged');
		assert.equal(chunks[0].lines.at(-1), report);
		const plain = await lambda(['logs', 'LookupPriceFunction'], db);
		assert.equal(plain.stdout.trimEnd().split('\n').at(-1), report);

		const follower = spawnStratus(['logs', 'LookupPriceFunction', '--follow', '--json', '--poll-ms', '50', '--template', 'fixtures/demo/template.yaml', '--db', db]);
		let streamed = '';
		// One listener for the whole run: data that arrives between two waits must not be dropped.
		follower.stdout!.on('data', (chunk: Buffer) => (streamed += chunk));
		const seen = async (count: number) => {
			const deadline = Date.now() + 20_000;
			while (streamed.split('\n').filter(Boolean).length < count) {
				if (Date.now() > deadline) throw new Error(`--follow printed only: ${streamed}`);
				await new Promise(resolve => setTimeout(resolve, 25));
			}
		};
		try {
			await seen(1);
			const second = await lambda(['invoke', 'LookupPriceFunction', '--payload', '{"sku": "nope"}', '--json'], db);
			assert.equal(second.status, 1, 'a handler error exits 1');
			await seen(2);
			const lines = streamed.trimEnd().split('\n').map(line => JSON.parse(line) as {requestId: string; lines: string[]});
			assert.equal(lines[0].requestId, requestId);
			assert.equal(lines[1].requestId, invokeJson(second).Payload.requestId);
			assert.ok(lines[1].lines.includes('[ERROR] UnknownProduct: There is no product nope'));
		} finally {
			follower.kill('SIGINT');
		}
		const code = await new Promise(resolve => (follower.exitCode !== null ? resolve(follower.exitCode) : follower.once('exit', resolve)));
		assert.equal(code, 0, 'interrupting --follow ends it cleanly');
	});

	test('bad input and Lambda errors: exit 2 naming what is wrong; a failing handler exits 1 with its error', async () => {
		const db = freshDb();
		const [unknown, badPayload, badFile, unknownLogs, failing, failingPlain] = await Promise.all([
			lambda(['invoke', 'NoSuchFunction', '--json'], db),
			lambda(['invoke', 'LookupPriceFunction', '--payload', '{"sku": ', '--json'], db),
			lambda(['invoke', 'LookupPriceFunction', '--payload-file', join(scratch, 'missing.json')], db),
			lambda(['logs', 'NoSuchFunction'], db),
			lambda(['invoke', 'ChargeCardFunction', '--payload', '{}', '--json'], db),
			lambda(['invoke', 'ChargeCardFunction', '--payload', '{}'], db),
		]);
		assert.equal(unknown.status, 2);
		assert.equal(unknown.stdout, '');
		assert.match(unknown.stderr, /^stratus: ResourceNotFoundException: Function not found: .*:function:NoSuchFunction:\$LATEST\n$/);
		assert.equal(badPayload.status, 2);
		assert.match(badPayload.stderr, /^stratus: --payload: not valid JSON/);
		assert.equal(badFile.status, 2);
		assert.match(badFile.stderr, /^stratus: --payload-file: cannot read /);
		assert.equal(unknownLogs.status, 2);
		assert.match(unknownLogs.stderr, /ResourceNotFoundException: .*NoSuchFunction/);

		assert.equal(failing.status, 1, failing.stderr);
		const failed = invokeJson(failing);
		assert.equal(failed.StatusCode, 200);
		assert.equal(failed.FunctionError, 'Unhandled');
		assert.equal(failed.Payload.errorType, 'InvalidInput');
		assert.equal(failed.Payload.errorMessage, 'The input needs orderId, card and amount');
		assert.equal(failingPlain.status, 1);
		assert.match(failingPlain.stdout, /^FunctionError: Unhandled/);
		assert.match(failingPlain.stdout, /"errorMessage": /);
		assert.match(failingPlain.stderr, /^REPORT RequestId: /m);
	});

	test('invoke for people: the payload pretty on stdout, the REPORT line (or the log tail) on stderr', async () => {
		const db = freshDb();
		const [plain, tail] = await Promise.all([
			lambda(['invoke', 'FetchOrderFunction', '--payload', '{"orderId": "1001"}'], db),
			lambda(['invoke', 'FetchOrderFunction', '--payload', '{"orderId": "1001"}', '--log-type', 'Tail'], db),
		]);
		assert.equal(plain.status, 0, plain.stderr);
		assert.equal(JSON.parse(plain.stdout).id, '1001');
		assert.match(plain.stdout, /^\{\n {2}"id": "1001",\n/);
		assert.match(plain.stderr, /^REPORT RequestId: \S+\tDuration: /);
		assert.equal(plain.stderr.trimEnd().split('\n').length, 1);
		assert.match(tail.stderr, /^START RequestId: (\S+) Version: \$LATEST\n[\s\S]*END RequestId: \1\nREPORT RequestId: \1\t/);
	});

	test('--async queues the event (202) without running it; --dry-run checks it (204)', async () => {
		const db = freshDb();
		const queued = invokeJson(await lambda(['invoke', 'FetchOrderFunction', '--async', '--payload', '{"orderId": "1001"}', '--json'], db));
		assert.deepEqual([queued.StatusCode, queued.Payload, queued.FunctionError], [202, null, null]);
		const dry = invokeJson(await lambda(['invoke', 'FetchOrderFunction', '--dry-run', '--json'], db));
		assert.equal(dry.StatusCode, 204);
		const dryMissing = await lambda(['invoke', 'FetchOrderFunction:9', '--dry-run'], db);
		assert.equal(dryMissing.status, 2);
		// Neither ran: no log yet.
		assert.deepEqual(json(await lambda(['logs', 'FetchOrderFunction', '--json'], db)), []);
	});

	test('functions --json: every function with its invocations, billed time and cost, at the default prices or --prices', async () => {
		const db = freshDb();
		for (let i = 0; i < 2; i++) assert.equal((await lambda(['invoke', 'FetchOrderFunction', '--payload', '{"orderId": "1001"}'], db)).status, 0);
		interface Row {
			name: string;
			memorySize: number;
			invocations: number;
			errors: number;
			billedDurationMs: number;
			p50DurationMs: number | null;
			cost: number;
			costAt100msRounding: number;
			lastInvoked: string | null;
		}
		const [byDefault, priced] = await Promise.all([
			lambda(['functions', '--json'], db),
			lambda(['functions', '--json', '--prices', 'gbSecond=1, request=0.5'], db),
		]);
		const rows = json<Row[]>(byDefault);
		assert.ok(rows.some(row => row.name === 'LookupPriceFunction'), 'functions never invoked are listed too');
		const idle = rows.find(row => row.name === 'CreateOrderFunction')!;
		assert.deepEqual([idle.invocations, idle.cost, idle.p50DurationMs, idle.lastInvoked], [0, 0, null, null]);
		const fetch = rows.find(row => row.name === 'FetchOrderFunction')!;
		assert.deepEqual([fetch.memorySize, fetch.invocations, fetch.errors], [256, 2, 0]);
		assert.ok(fetch.billedDurationMs >= 2 && fetch.p50DurationMs! > 0);
		// 256 MB for the billed milliseconds at $0.0000166667 per GB-second, plus $0.20 per million requests.
		const gbSeconds = (256 / 1024) * (fetch.billedDurationMs / 1000);
		assert.ok(Math.abs(fetch.cost - (gbSeconds * 0.0000166667 + 2 * 0.0000002)) < 1e-12, String(fetch.cost));
		// Before December 2020 each short invocation was billed 100 ms, init not counted.
		assert.ok(Math.abs(fetch.costAt100msRounding - ((256 / 1024) * 0.2 * 0.0000166667 + 2 * 0.0000002)) < 1e-12, String(fetch.costAt100msRounding));
		const fetchPriced = json<Row[]>(priced).find(row => row.name === 'FetchOrderFunction')!;
		assert.ok(Math.abs(fetchPriced.cost - (gbSeconds + 1)) < 1e-9, String(fetchPriced.cost));
		assert.ok(Math.abs(fetchPriced.costAt100msRounding - 1.05) < 1e-9, String(fetchPriced.costAt100msRounding));

		const table = await lambda(['functions'], db);
		assert.match(table.stdout, /^name +runtime +memory +invocations +errors +p50 +p95 +billed +cost +at 100 ms\n/);
		assert.match(table.stdout, /\nFetchOrderFunction +nodejs22\.x +256 MB +2 +0 +\d/);
	});

	test('--prices, --account-concurrency and --template: bad values, an impossible quota and a missing file exit 2 naming the flag', async () => {
		const db = freshDb();
		const [unknownPrice, badPrice, badQuota, tooSmall] = await Promise.all([
			lambda(['functions', '--prices', 'perGb=1'], db),
			lambda(['invoke', 'FetchOrderFunction', '--prices', 'request=-1'], db),
			lambda(['invoke', 'FetchOrderFunction', '--account-concurrency', '0'], db),
			stratusAsync(['invoke', 'ChargeCardFunction', '--template', 'fixtures/templates/sam/template.yaml', '--db', db, '--account-concurrency', '50']),
		]);
		assert.equal(unknownPrice.status, 2);
		assert.match(unknownPrice.stderr, /^stratus: --prices: 'perGb' is not a price: use gbSecond, gbSecondArm, request/);
		assert.equal(badPrice.status, 2);
		assert.match(badPrice.stderr, /^stratus: --prices: request must be a number of USD, 0 or more \(got '-1'\)/);
		assert.equal(badQuota.status, 2);
		assert.match(badQuota.stderr, /^stratus: --account-concurrency: must be a whole number of 1 or more/);
		const noTemplate = await stratusAsync(['functions', '--template', join(scratch, 'nope.yaml'), '--db', db]);
		assert.equal(noTemplate.status, 2);
		assert.equal(noTemplate.stderr, `stratus: --template: no such file ${join(scratch, 'nope.yaml')}\n`);
		// The template reserves 5 for ChargeCardFunction: a quota of 50 leaves 45, under the 50 AWS keeps unreserved.
		assert.equal(tooSmall.status, 2, tooSmall.stderr);
		assert.match(tooSmall.stderr, /^stratus: ReservedConcurrentExecutions: too much reserved for --account-concurrency 50: /);
	});
});
