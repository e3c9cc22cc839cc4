/**
 * `npm run bench:invoke`: Lambda invokes through the FunctionService side by side
 * with the bare machinery underneath them, in one process run.
 *
 *   warm Node      invoke round trip (p50/p95)  vs  a worker_threads postMessage echo
 *   warm Python    invoke round trip (p50/p95)  vs  a warm python echoing lines on stdin/stdout
 *   cold start     new FunctionService + first invoke  vs  spawning `node -e 0` to its exit
 *   throughput     invokes/s with 16 in flight, every invocation and its log committed
 *                  to a database file (the clock stops after `flushed()`), beside 16 bare
 *                  echo workers driven the same way (the machine's own ceiling); runs of
 *                  the two alternate and each side reports its median
 *
 * Targets: warm Node p50 ≤ 2× bare, warm Python p50 ≤ 3× bare, cold start ≤ 1.5×
 * bare, ≥ 50,000 invokes/s. The bare peers do the least their channel allows (an
 * echo of the payload text), so the ratios are stratus's whole overhead: request
 * id, limits, the Lambda log, the REPORT line, billing and the recorded row.
 *
 * Reading the Python row on a small VM: the bare echo's p50 is bimodal. When the
 * kernel keeps the echo on the bench's vCPU a round trip is ~10-16 µs; when it wakes
 * the other, idle vCPU it is ~70-90 µs (the figure the issue quotes, 82 µs). Which
 * one a run gets is the scheduler's choice. stratus's Python invoke is an HTTP
 * exchange over loopback TCP (the Runtime API) and measured 43-62 µs even with both
 * processes pinned to one vCPU, so the ratio meets its target in the second case
 * and cannot in the first.
 *
 * Latency sides run in alternating rounds so background load hits both alike. The
 * service is loaded from dist/ when it is built and newer than source/ (that is what
 * `stratus` runs: compiled worker entry points), else from source/ compiled with
 * esbuild into a temporary folder, or from any compiled copy of the tree given as
 * `--from DIR` (DIR/source/functions/index.js); `--from source` runs it through tsx.
 *
 *   npm run bench:invoke [-- --rounds 5 --node-invokes 4000 --python-invokes 1000 --cold 8 --throughput 100000 --throughput-runs 3
 *                           --from source|dist|DIR --only node,python,cold,throughput]
 */
import {spawn, spawnSync, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';
import {Worker} from 'node:worker_threads';
import type * as FunctionsModule from '../source/functions/index.js';
import type * as DatabaseModule from '../source/store/database.js';
import type {FunctionConfig} from '../source/project/model.js';
import {formatRatio, formatTable, median} from './benchReport.js';

const TARGET = {warmNode: 2, warmPython: 3, cold: 1.5, throughput: 50_000} as const;
const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const IN_FLIGHT = 16;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const {values: options} = parseArgs({
	options: {
		rounds: {type: 'string', default: '5'},
		'node-invokes': {type: 'string', default: '4000'},
		'python-invokes': {type: 'string', default: '1000'},
		cold: {type: 'string', default: '8'},
		throughput: {type: 'string', default: '100000'},
		'throughput-runs': {type: 'string', default: '3'},
		from: {type: 'string'},
		only: {type: 'string'},
	},
});
const rounds = Math.max(1, Number(options.rounds));
const nodeInvokes = Math.max(1, Number(options['node-invokes']));
const pythonInvokes = Math.max(1, Number(options['python-invokes']));
const coldSamples = Math.max(1, Number(options.cold));
const throughputInvokes = Math.max(IN_FLIGHT, Number(options.throughput));
const throughputRuns = Math.max(1, Number(options['throughput-runs']));
const parts = new Set(options.only?.split(',') ?? ['node', 'python', 'cold', 'throughput']);

// --- what to measure: the built service, unless source/ is newer ---------------------

function newestMtime(dir: string, ext: string): number {
	let newest = 0;
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		const stat = statSync(path);
		if (stat.isDirectory()) newest = Math.max(newest, newestMtime(path, ext));
		else if (name.endsWith(ext)) newest = Math.max(newest, stat.mtimeMs);
	}
	return newest;
}

/**
 * source/ compiled the way the build compiles it (plain JavaScript, compiled worker
 * entry points) into a temporary copy of the package. tsx's transform wraps every
 * function it creates to keep its name, which is not what `stratus` runs and costs
 * several microseconds per invoke inside each worker.
 */
async function compileSource(): Promise<string> {
	const {build: compile} = await import('esbuild');
	const out = mkdtempSync(join(tmpdir(), 'stratus-invoke-bench-build-'));
	process.on('exit', () => rmSync(out, {recursive: true, force: true}));
	const sources: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) sources.push(path);
		}
	};
	// What the service is made of: it imports only types from elsewhere, so others' work in progress cannot break the bench.
	walk(join(root, 'source', 'functions'));
	walk(join(root, 'source', 'store'));
	await compile({entryPoints: sources, outdir: join(out, 'source'), outbase: join(root, 'source'), format: 'esm', platform: 'node', target: 'node20', jsx: 'automatic', logLevel: 'error'});
	// What the compiled tree finds around itself in the package: package.json, node_modules, the Python bootstrap.
	writeFileSync(join(out, 'package.json'), readFileSync(join(root, 'package.json')));
	symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'), 'dir');
	mkdirSync(join(out, 'source', 'functions', 'runtimes', 'python'), {recursive: true});
	copyFileSync(join(root, 'source', 'functions', 'runtimes', 'python', 'bootstrap.py'), join(out, 'source', 'functions', 'runtimes', 'python', 'bootstrap.py'));
	return out;
}

async function chooseBuild(): Promise<{base: string; ext: '.js' | '.ts'; note: string}> {
	const distDir = join(root, 'dist', 'source');
	if (options.from === 'source') return {base: join(root, 'source'), ext: '.ts', note: 'source/ through tsx (--from source: for profiling, slower than any build)'};
	if (options.from && options.from !== 'dist') {
		const dir = resolve(options.from, 'source');
		if (!existsSync(join(dir, 'functions', 'index.js'))) throw new Error(`--from ${options.from}: no compiled source/functions/index.js there`);
		return {base: dir, ext: '.js', note: `${options.from} (a compiled copy of the tree)`};
	}
	const compiled = async (why: string) => ({base: join(await compileSource(), 'source'), ext: '.js' as const, note: `source/ compiled with esbuild (${why})`});
	if (!existsSync(join(distDir, 'functions', 'index.js'))) return compiled('dist/ is not built');
	const stale =
		newestMtime(join(root, 'source', 'functions'), '.ts') > newestMtime(join(distDir, 'functions'), '.js') ||
		newestMtime(join(root, 'source', 'store'), '.ts') > newestMtime(join(distDir, 'store'), '.js');
	if (stale && options.from !== 'dist') return compiled('dist/ is older than source/');
	return {base: distDir, ext: '.js', note: 'dist/ (what `stratus` runs)'};
}

const build = await chooseBuild();
const {base, ext} = build;
const functions = (await import(pathToFileURL(join(base, 'functions', `index${ext}`)).href)) as typeof FunctionsModule;
const database = (await import(pathToFileURL(join(base, 'store', `database${ext}`)).href)) as typeof DatabaseModule;
const {FunctionService, listInvocations} = functions;

// --- fixtures -------------------------------------------------------------------------

const scratch = mkdtempSync(join(tmpdir(), 'stratus-invoke-bench-'));
process.on('exit', () => rmSync(scratch, {recursive: true, force: true}));

function fnConfig(name: string, runtime: string, codeDir: string, handler: string): FunctionConfig {
	return {
		logicalId: name,
		name,
		arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
		runtime,
		handler,
		codeDir,
		memorySize: 128,
		timeout: 30,
		environment: {},
		layers: [],
	};
}

// The smallest useful handlers: the bench measures stratus, not the functions.
const nodeFn = fnConfig('fast', 'nodejs20.x', join(root, 'fixtures', 'functions', 'node-fast'), 'index.handler');
const pythonDir = join(scratch, 'python-fast');
mkdirSync(pythonDir);
writeFileSync(join(pythonDir, 'fast.py'), 'def handler(event, context):\n    return {"ok": True, "n": event.get("n")}\n');
const pythonFn = fnConfig('pyfast', 'python3.12', pythonDir, 'fast.handler');

let dbCount = 0;
function openService(extra: {hotReload?: boolean} = {}) {
	const db = database.openDatabase(join(scratch, `bench-${++dbCount}.db`));
	const service = new FunctionService({db, functions: [nodeFn, pythonFn], region: REGION, accountId: ACCOUNT, versionsDir: join(scratch, 'versions'), ...extra});
	return {db, service};
}

const payload = '{"n":1}';

// --- bare peers -------------------------------------------------------------------------

class BareWorker {
	private readonly worker = new Worker("require('node:worker_threads').parentPort.on('message', m => require('node:worker_threads').parentPort.postMessage(m));", {eval: true});
	private resolveReply: ((value: unknown) => void) | undefined;

	constructor() {
		this.worker.on('message', message => {
			const resolveReply = this.resolveReply!;
			this.resolveReply = undefined;
			resolveReply(message);
		});
	}

	roundTrip(message: string): Promise<unknown> {
		return new Promise(resolveReply => {
			this.resolveReply = resolveReply;
			this.worker.postMessage(message);
		});
	}

	close(): Promise<number> {
		return this.worker.terminate();
	}
}

function pythonExecutable(): string {
	for (const command of ['python3.12', 'python3']) {
		const probe = spawnSync(command, ['-c', 'import sys; print(sys.executable)'], {encoding: 'utf8'});
		if (probe.status === 0 && probe.stdout.trim()) return probe.stdout.trim();
	}
	throw new Error('no python3 on PATH');
}

class BarePython {
	private readonly child: ChildProcessWithoutNullStreams;
	private resolveReply: ((line: string) => void) | undefined;
	private buffered = '';

	constructor(executable: string) {
		const echo = 'import sys\nr, w = sys.stdin.buffer, sys.stdout.buffer\nfor line in iter(r.readline, b""):\n    w.write(line)\n    w.flush()\n';
		this.child = spawn(executable, ['-u', '-c', echo]);
		this.child.stdout.setEncoding('utf8');
		this.child.stdout.on('data', (chunk: string) => {
			this.buffered += chunk;
			const newline = this.buffered.indexOf('\n');
			if (newline < 0) return;
			const line = this.buffered.slice(0, newline);
			this.buffered = this.buffered.slice(newline + 1);
			const resolveReply = this.resolveReply!;
			this.resolveReply = undefined;
			resolveReply(line);
		});
	}

	roundTrip(line: string): Promise<string> {
		return new Promise(resolveReply => {
			this.resolveReply = resolveReply;
			this.child.stdin.write(line + '\n');
		});
	}

	close(): void {
		this.child.stdin.end();
	}
}

function spawnNode(): Promise<number> {
	return new Promise((resolveExit, reject) => {
		const start = performance.now();
		const child = spawn(process.execPath, ['-e', '0'], {stdio: 'ignore'});
		child.once('error', reject);
		child.once('exit', () => resolveExit(performance.now() - start));
	});
}

// --- measuring ----------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Latencies {
	p50: number;
	p95: number;
	count: number;
}

function summarise(samples: number[]): Latencies {
	const sorted = [...samples].sort((a, b) => a - b);
	return {p50: percentile(sorted, 50) * 1000, p95: percentile(sorted, 95) * 1000, count: sorted.length};
}

/** Runs `count` round trips one after another, timing each (ms). */
async function timeEach(count: number, roundTrip: () => Promise<unknown>, into: number[]): Promise<void> {
	for (let i = 0; i < count; i++) {
		const start = performance.now();
		await roundTrip();
		into.push(performance.now() - start);
	}
}

/** Alternating rounds of two sides, after a warm-up of each. */
async function sideBySide(count: number, warmup: number, stratus: () => Promise<unknown>, bare: () => Promise<unknown>): Promise<{stratus: Latencies; bare: Latencies}> {
	const discard: number[] = [];
	await timeEach(warmup, stratus, discard);
	await timeEach(warmup, bare, discard);
	const s: number[] = [];
	const b: number[] = [];
	for (let round = 0; round < rounds; round++) {
		if (round % 2 === 0) {
			await timeEach(count, bare, b);
			await timeEach(count, stratus, s);
		} else {
			await timeEach(count, stratus, s);
			await timeEach(count, bare, b);
		}
	}
	return {stratus: summarise(s), bare: summarise(b)};
}

function check(result: FunctionsModule.InvokeResult): void {
	if (result.statusCode !== 200 || result.functionError) throw new Error(`invoke failed: ${result.payload.toString('utf8')}`);
}

async function warmNode() {
	const {db, service} = openService();
	const bare = new BareWorker();
	try {
		check(await service.invoke({functionName: 'fast', payload}));
		const result = await sideBySide(
			nodeInvokes,
			Math.min(2000, nodeInvokes),
			async () => check(await service.invoke({functionName: 'fast', payload})),
			() => bare.roundTrip(payload),
		);
		await service.flushed();
		return result;
	} finally {
		await bare.close();
		await service.close();
		db.close();
	}
}

async function warmPython() {
	const {db, service} = openService();
	const bare = new BarePython(pythonExecutable());
	try {
		check(await service.invoke({functionName: 'pyfast', payload}));
		const result = await sideBySide(
			pythonInvokes,
			Math.min(200, pythonInvokes),
			async () => check(await service.invoke({functionName: 'pyfast', payload})),
			() => bare.roundTrip(payload),
		);
		await service.flushed();
		return result;
	} finally {
		bare.close();
		await service.close();
		db.close();
	}
}

/** A fresh service each time (its writer thread, a new worker loading the handler), timed to the first response. */
async function coldStarts() {
	const stratus: number[] = [];
	const bare: number[] = [];
	const db = database.openDatabase(join(scratch, 'cold.db'));
	const once = async () => {
		const start = performance.now();
		const service = new FunctionService({db, functions: [nodeFn], region: REGION, accountId: ACCOUNT});
		check(await service.invoke({functionName: 'fast', payload}));
		stratus.push(performance.now() - start);
		await service.close();
	};
	await once();
	await spawnNode();
	stratus.length = 0;
	for (let i = 0; i < coldSamples; i++) {
		if (i % 2 === 0) {
			bare.push(await spawnNode());
			await once();
		} else {
			await once();
			bare.push(await spawnNode());
		}
	}
	db.close();
	return {stratus: median(stratus), bare: median(bare)};
}

/** The same 16-in-flight loop over 16 bare echo workers: what the machine does with no stratus in between. */
async function bareThroughput() {
	const workers = Array.from({length: IN_FLIGHT}, () => new BareWorker());
	const run = async (count: number) => {
		let started = 0;
		await Promise.all(
			workers.map(async worker => {
				while (started < count) {
					started++;
					await worker.roundTrip(payload);
				}
			}),
		);
	};
	await run(IN_FLIGHT * 100);
	const cpuBefore = process.cpuUsage();
	const t0 = performance.now();
	await run(throughputInvokes);
	const seconds = (performance.now() - t0) / 1000;
	const cpu = process.cpuUsage(cpuBefore);
	await Promise.all(workers.map(worker => worker.close()));
	return {perSecond: throughputInvokes / seconds, cpuMicrosPerInvoke: (cpu.user + cpu.system) / throughputInvokes};
}

async function throughput() {
	const {db, service} = openService();
	let started = 0;
	let failed = 0;
	const run = async (count: number) => {
		started = 0;
		const lane = async () => {
			while (started < count) {
				started++;
				const result = await service.invoke({functionName: 'fast', payload});
				if (result.functionError) failed++;
			}
		};
		await Promise.all(Array.from({length: IN_FLIGHT}, lane));
	};
	// The same warm-up as the bare workers get: every environment started and its code optimised.
	await run(IN_FLIGHT * 100);
	await service.flushed();
	const before = listInvocations(db, {functionName: 'fast', limit: 1})[0].id;
	const cpuBefore = process.cpuUsage();
	const t0 = performance.now();
	await run(throughputInvokes);
	await service.flushed();
	const seconds = (performance.now() - t0) / 1000;
	const cpu = process.cpuUsage(cpuBefore);
	const rows = (db.prepare('SELECT count(*) FROM function_invocations WHERE function_name = ? AND id > ?').pluck().get('fast', before) as number) ?? 0;
	await service.close();
	db.close();
	if (failed > 0) throw new Error(`${failed} invocations failed`);
	return {perSecond: throughputInvokes / seconds, cpuMicrosPerInvoke: (cpu.user + cpu.system) / throughputInvokes, rows};
}

// --- report ---------------------------------------------------------------------------------

const us = (value: number) => `${value >= 1000 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1)} µs`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const verdict = (ok: boolean, text: string) => `${ok ? 'meets' : 'MISSES'} ${text}`;

console.log(`stratus invoke bench — service from ${build.note}; node ${process.version}, ${rounds} rounds`);
const rows: string[][] = [];
if (parts.has('node')) {
	const node = await warmNode();
	const ratio = node.stratus.p50 / node.bare.p50;
	rows.push([`warm Node invoke (${node.stratus.count})`, us(node.stratus.p50), us(node.stratus.p95), 'worker postMessage echo', us(node.bare.p50), us(node.bare.p95), formatRatio(ratio), verdict(ratio <= TARGET.warmNode, `≤ ${TARGET.warmNode}×`)]);
}
if (parts.has('python')) {
	const python = await warmPython();
	const ratio = python.stratus.p50 / python.bare.p50;
	rows.push([`warm Python invoke (${python.stratus.count})`, us(python.stratus.p50), us(python.stratus.p95), 'python stdin/stdout echo', us(python.bare.p50), us(python.bare.p95), formatRatio(ratio), verdict(ratio <= TARGET.warmPython, `≤ ${TARGET.warmPython}×`)]);
}
if (parts.has('cold')) {
	const cold = await coldStarts();
	const ratio = cold.stratus / cold.bare;
	rows.push([`cold start (${coldSamples}, median)`, ms(cold.stratus), '', 'spawn `node -e 0`', ms(cold.bare), '', formatRatio(ratio), verdict(ratio <= TARGET.cold, `≤ ${TARGET.cold}×`)]);
}
if (rows.length > 0) {
	console.log('');
	for (const line of formatTable(['', 'stratus p50', 'p95', 'bare peer', 'p50', 'p95', 'ratio', 'target'], rows)) console.log(line);
}
if (parts.has('throughput')) {
	// Alternating runs, each side's median: one 100,000-invoke run lasts about two seconds, short enough for a passing burst of load to decide it.
	const bareRuns: Array<Awaited<ReturnType<typeof bareThroughput>>> = [];
	const stratusRuns: Array<Awaited<ReturnType<typeof throughput>>> = [];
	for (let run = 0; run < throughputRuns; run++) {
		bareRuns.push(await bareThroughput());
		stratusRuns.push(await throughput());
	}
	const bare = {perSecond: median(bareRuns.map(r => r.perSecond)), cpuMicrosPerInvoke: median(bareRuns.map(r => r.cpuMicrosPerInvoke))};
	const tput = {
		perSecond: median(stratusRuns.map(r => r.perSecond)),
		cpuMicrosPerInvoke: median(stratusRuns.map(r => r.cpuMicrosPerInvoke)),
		rows: Math.min(...stratusRuns.map(r => r.rows)),
	};
	const ok = tput.perSecond >= TARGET.throughput;
	console.log('');
	for (const line of formatTable(
		[`throughput, 16 in flight, median of ${throughputRuns}`, 'invokes/s', 'CPU/invoke', 'rows stored', 'target'],
		[
			[`${throughputInvokes.toLocaleString('en-US')} warm Node invokes`, Math.round(tput.perSecond).toLocaleString('en-US'), us(tput.cpuMicrosPerInvoke), tput.rows.toLocaleString('en-US'), `${verdict(ok, `≥ ${TARGET.throughput.toLocaleString('en-US')}/s`)} (${formatRatio(tput.perSecond / TARGET.throughput)})`],
			['bare: 16 postMessage echo workers', Math.round(bare.perSecond).toLocaleString('en-US'), us(bare.cpuMicrosPerInvoke), '', `stratus at ${formatRatio(tput.perSecond / bare.perSecond)} of it`],
		],
	))
		console.log(line);
	if (tput.rows !== throughputInvokes) {
		console.error(`stored ${tput.rows} rows for ${throughputInvokes} invocations`);
		process.exitCode = 1;
	}
}
