/**
 * The demo's handlers, each invoked as Lambda would invoke it: configured from the
 * template (Globals, environment, the shared layer) and run by stratus's runtimes
 * (worker threads for Node CommonJS, ESM and TypeScript; the Runtime API for Python).
 * The workflows that chain them are run through the CLI in demoWorkflows.test.ts.
 */
import {mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import {createRuntimePool, lambdaEnvironment, type InvokeOutcome, type RuntimePool} from '../../source/functions/runtimes/index.js';
import {loadProject} from '../../source/project/loadProject.js';

const demo = fileURLToPath(new URL('../../fixtures/demo/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'stratus-demo-functions-'));
const project = loadProject(join(demo, 'template.yaml'), {
	parameterOverrides: {ThumbnailsDir: join(scratch, 'thumbnails'), InstancesDbPath: join(scratch, 'fleet', 'instances.db')},
});
const layerDirs = project.layers.map(layer => layer.contentDir);
const pools = new Map<string, RuntimePool>();
let requests = 0;

after(async () => {
	await Promise.all([...pools.values()].map(pool => pool.dispose()));
	rmSync(scratch, {recursive: true, force: true});
});

function poolFor(name: string): RuntimePool {
	let pool = pools.get(name);
	if (!pool) {
		const fn = project.functions.find(f => f.name === name);
		assert.ok(fn, `the template declares ${name}`);
		const env = lambdaEnvironment({fn, version: '$LATEST', region: project.region, layerDirs, codeDir: fn.codeDir});
		pool = createRuntimePool({fn, version: '$LATEST', layerDirs, env});
		pools.set(name, pool);
	}
	return pool;
}

interface Invocation {
	ok: boolean;
	errorType?: string;
	body: any;
	logs: string;
}

async function invoke(name: string, payload: unknown): Promise<Invocation> {
	const fn = project.functions.find(f => f.name === name)!;
	const outcome: InvokeOutcome = await poolFor(name).invoke({
		requestId: `00000000-0000-4000-8000-${String(++requests).padStart(12, '0')}`,
		payload: Buffer.from(JSON.stringify(payload)),
		deadlineMs: Date.now() + fn.timeout * 1000,
		invokedFunctionArn: fn.arn,
	});
	return {ok: outcome.ok, errorType: outcome.errorType, body: JSON.parse(outcome.payload.toString('utf8')), logs: outcome.logs};
}

async function succeeds(name: string, payload: unknown): Promise<any> {
	const result = await invoke(name, payload);
	assert.ok(result.ok, `${name} failed: ${JSON.stringify(result.body)}\n${result.logs}`);
	return result.body;
}

function events(name: string): any {
	return JSON.parse(readFileSync(join(demo, 'events', name), 'utf8'));
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): {width: number; height: number} {
	const header = readFileSync(path).subarray(0, 24);
	assert.equal(header.subarray(1, 4).toString('latin1'), 'PNG', `${path} is a PNG`);
	return {width: header.readUInt32BE(16), height: header.readUInt32BE(20)};
}

test('FetchOrder (CommonJS, shared layer) reads each event order and fails the offline one with DatabaseError', async () => {
	const a = await succeeds('FetchOrderFunction', events('order-a.json'));
	assert.equal(a.region, 'A');
	assert.equal(a.total, 138.9);
	assert.equal((await succeeds('FetchOrderFunction', events('order-b.json'))).region, 'B');
	assert.equal((await succeeds('FetchOrderFunction', events('order-unserved.json'))).region, 'C');
	const offline = await invoke('FetchOrderFunction', events('order-db-error.json'));
	assert.equal(offline.ok, false);
	assert.equal(offline.errorType, 'DatabaseError');
	assert.equal(offline.body.errorType, 'DatabaseError');
	assert.match(offline.body.errorMessage, /order 5000: the orders database shard is unreachable/);
	assert.equal((await invoke('FetchOrderFunction', {orderId: '4242'})).errorType, 'OrderNotFound');
});

test('CreateOrder confirms per warehouse, the same way every time; ProcessOrder completes it', async () => {
	const order = await succeeds('FetchOrderFunction', events('order-a.json'));
	const confirmation = await succeeds('CreateOrderFunction', {order, warehouse: 'A'});
	assert.match(confirmation.confirmationId, /^A-1001-[0-9a-f]{8}$/);
	assert.equal(confirmation.warehouse, 'warehouse-frankfurt');
	assert.deepEqual(await succeeds('CreateOrderFunction', {order, warehouse: 'A'}), confirmation);
	assert.equal((await invoke('CreateOrderFunction', {order, warehouse: 'Z'})).errorType, 'DatabaseError');
	const processed = await succeeds('ProcessOrderFunction', {orderId: '1001', confirmationId: confirmation.confirmationId, total: 138.9});
	assert.equal(processed.status, 'PROCESSED');
	assert.equal(processed.processedBy, 'ProcessOrderFunction:$LATEST');
});

test('SendApprovalEmail (ESM, layer through createRequire) logs the task token and how to answer it', async () => {
	const result = await invoke('SendApprovalEmailFunction', {taskToken: 'token-123', request: events('approval-request.json')});
	assert.ok(result.ok, result.logs);
	assert.deepEqual(result.body, {sentTo: 'manager@example.com', subject: 'Approval needed: Three laptops for the new team'});
	assert.match(result.logs, /"taskToken":"token-123"/);
	assert.match(result.logs, /stratus approve token-123/);
	assert.equal((await invoke('SendApprovalEmailFunction', {request: {}})).errorType, 'InvalidInput');
});

test('Thumbnail (TypeScript with jimp) writes a scaled PNG into THUMBNAILS_DIR', async () => {
	const result = await succeeds('ThumbnailFunction', {image: 'ocean.png', width: 32});
	assert.equal(result.thumbnail, join(scratch, 'thumbnails', 'ocean-32w.png'));
	assert.deepEqual(pngSize(result.thumbnail), {width: 32, height: 16});
	assert.deepEqual({width: result.width, height: result.height, bytes: result.bytes}, {width: 32, height: 16, bytes: statSync(result.thumbnail).size});
	assert.equal((await invoke('ThumbnailFunction', {image: 'missing.png'})).errorType, 'UnreadableImage');
});

test('ImageMetadata (Python, standard library) reads the size of every demo image', async () => {
	for (const image of events('images.json').images as string[]) {
		const metadata = await succeeds('ImageMetadataFunction', {image});
		const path = join(demo, 'images', image);
		assert.deepEqual({width: metadata.width, height: metadata.height}, pngSize(path));
		assert.equal(metadata.bytes, statSync(path).size);
		assert.equal(metadata.format, 'png');
	}
	const notPng = await invoke('ImageMetadataFunction', {image: '../events/images.json'});
	assert.equal(notPng.errorType, 'UnsupportedImage');
});

test('StartInstances / StopInstances move the office-hours fleet in SQLite and leave the rest alone', async () => {
	const started = await succeeds('StartInstancesFunction', events('schedule-event.json'));
	assert.equal(started.at, '2025-01-13T08:00:00Z');
	assert.deepEqual(started.changed, ['i-0a1b2c3d4e5f60001', 'i-0a1b2c3d4e5f60002', 'i-0a1b2c3d4e5f60003']);
	assert.ok(started.fleet.every((instance: {state: string}) => instance.state === 'running'));
	assert.deepEqual((await succeeds('StartInstancesFunction', events('schedule-event.json'))).changed, [], 'starting again changes nothing');
	const stopped = await succeeds('StopInstancesFunction', {schedule: 'office-hours'});
	assert.equal(stopped.changed.length, 3);
	const db = new Database(join(scratch, 'fleet', 'instances.db'), {readonly: true});
	try {
		const states = db.prepare('SELECT name, state FROM instances ORDER BY name').all();
		assert.deepEqual(states, [
			{name: 'build-runner', state: 'stopped'},
			{name: 'database', state: 'running'},
			{name: 'web-1', state: 'stopped'},
			{name: 'web-2', state: 'stopped'},
		]);
	} finally {
		db.close();
	}
});

test('Flaky (Python) fails the first failFirst attempts of a run with ServiceUnavailable, then answers', async () => {
	const runId = `functions-test-${process.pid}`;
	for (const attempt of [1, 2]) {
		const failure = await invoke('FlakyFunction', {runId, failFirst: 2});
		assert.equal(failure.errorType, 'ServiceUnavailable');
		assert.match(failure.body.errorMessage, new RegExp(`^Attempt ${attempt}:`));
	}
	assert.deepEqual(await succeeds('FlakyFunction', {runId, failFirst: 2}), {runId, attempts: 3, answer: 'the service is back'});
});

test('the pricing functions (Python) chain into a quote with discount and tax in whole cents', async () => {
	const priced = await succeeds('LookupPriceFunction', events('quote.json'));
	const discounted = await succeeds('ApplyDiscountFunction', priced);
	const quote = await succeeds('AddTaxFunction', discounted);
	assert.deepEqual(quote, {sku: 'KB-101', product: 'Mechanical keyboard', quantity: 2, subtotal: 179.8, discount: 26.97, tax: 29.04, total: 181.87});
	assert.equal((await invoke('LookupPriceFunction', {sku: 'NOPE'})).errorType, 'UnknownProduct');
});

test('ChargeCard declines the test card with PaymentDeclined; ReleaseReservation releases; CheckStock (ESM) finds the stock', async () => {
	const charged = await succeeds('ChargeCardFunction', events('payment-ok.json'));
	assert.match(charged.chargeId, /^ch_[0-9a-f]{16}$/);
	assert.equal(charged.last4, '4242');
	const declined = await invoke('ChargeCardFunction', events('payment-declined.json'));
	assert.equal(declined.errorType, 'PaymentDeclined');
	assert.deepEqual(await succeeds('ReleaseReservationFunction', {orderId: '7002', reservationId: 'res-7002'}), {released: true, reservationId: 'res-7002'});
	assert.deepEqual(await succeeds('CheckStockFunction', events('stock-check.json')), {sku: 'MN-270', available: 2, inStock: true, shipsFrom: ['warehouse-dublin']});
});
