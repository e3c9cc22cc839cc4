/**
 * Warm-invoke throughput of the function service: N invocations with 16 in flight
 * against a database file, every invocation and its log recorded. Prints invokes/s
 * and CPU microseconds per invoke (all threads), the figure that does not depend on
 * what else the machine is running.
 *
 *     node --import tsx test/functions/invokeThroughput.ts [invocations]
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {FunctionService, listInvocations} from '../../source/functions/index.js';
import {openDatabase} from '../../source/store/database.js';
import {fixtureFunction} from './fixtureFunctions.js';

const total = Number(process.argv[2] ?? 100_000);
const inFlight = 16;
const dir = mkdtempSync(join(tmpdir(), 'stratus-throughput-'));
const db = openDatabase(join(dir, 'stratus.db'));
const fn = fixtureFunction('fast', 'nodejs20.x', 'node-fast', 'index.handler');
const service = new FunctionService({db, functions: [fn], region: 'us-east-1', accountId: '123456789012'});

await Promise.all(Array.from({length: inFlight}, () => service.invoke({functionName: 'fast', payload: '{"n":0}'})));
let started = 0;
const cpuBefore = process.cpuUsage();
const t0 = performance.now();
async function lane(): Promise<void> {
	while (started < total) {
		started++;
		await service.invoke({functionName: 'fast', payload: '{"n":1}'});
	}
}
await Promise.all(Array.from({length: inFlight}, lane));
await service.flushed();
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpuBefore);
await service.close();
const rows = listInvocations(db, {functionName: 'fast', limit: total + inFlight}).length;
db.close();
rmSync(dir, {recursive: true, force: true});
console.log(
	JSON.stringify({
		invocations: total,
		inFlight,
		invokesPerSecond: Math.round(total / seconds),
		cpuMicrosecondsPerInvoke: Number(((cpu.user + cpu.system) / total).toFixed(1)),
		rowsRecorded: rows,
	}),
);
