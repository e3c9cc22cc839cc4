/**
 * `npm run bench`: the engine's throughput side by side with aws-local-stepfunctions
 * (the in-memory peer), in one process run, on four machines (engineMachines.ts).
 *
 *   stratus STANDARD  every history event persisted (SQLite file, WAL, batched writer)
 *   stratus EXPRESS   no history, as on AWS
 *   peer              aws-local-stepfunctions' StateMachine, in memory
 *
 * Transitions are states entered, counted the same way on both sides, and checked
 * against what each engine reports before anything is timed. Each side warms up,
 * then samples run in rotating order (so background load hits every side alike);
 * a sample runs executions back to back for at least --sample-ms and the median
 * of --samples is reported. Targets: STANDARD ≥ 1.0× the peer, EXPRESS ≥ 2.0×.
 *
 * Then a whole-process figure: `node dist/cli.js run FILE --json` (STANDARD, and
 * again with --express; a fresh database each time) against `node bench/peerRun.mjs
 * FILE` on a 200,001-transition Choice loop, each timed by process wall time.
 *
 * Both parts run stratus as shipped, from dist/: `npm run bench` builds it first (run
 * directly, a stale dist/ is pointed out). The peer runs its published build too.
 *
 *   npm run bench [-- --machines chain,loop --samples 5 --sample-ms 400 --no-process --process-runs 3]
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {isDeepStrictEqual, parseArgs} from 'node:util';
import {StateMachine} from 'aws-local-stepfunctions';
import type {Engine as EngineClass, StateMachineRef} from '../source/engine/engine.js';
import {benchMachines, choiceLoop, type BenchMachine} from './engineMachines.js';
import {formatRatio, formatTable, median} from './benchReport.js';

const TARGET_STANDARD = 1.0;
const TARGET_EXPRESS = 2.0;
const REGION = 'us-east-1';
const ACCOUNT = '123456789012';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// The engine as shipped: dist/ (tsc's output, `npm run bench` builds it first), not
// source/ through tsx, whose development transform ran the engine about a third slower.
const built = (path: string) => import(pathToFileURL(join(root, 'dist', 'source', path)).href);
const {parseDefinition, formatProblem} = (await built('asl/validate/index.js')) as typeof import('../source/asl/validate/index.js');
const {RealClock} = (await built('engine/clock.js')) as typeof import('../source/engine/clock.js');
const {Engine} = (await built('engine/engine.js')) as typeof import('../source/engine/engine.js');
const {openDatabase} = (await built('store/database.js')) as typeof import('../source/store/database.js');
const {ExecutionStore} = (await built('store/executions.js')) as typeof import('../source/store/executions.js');
type Engine = EngineClass;
const {values: options} = parseArgs({
	options: {
		machines: {type: 'string'},
		samples: {type: 'string', default: '5'},
		'sample-ms': {type: 'string', default: '400'},
		'no-process': {type: 'boolean', default: false},
		'process-runs': {type: 'string', default: '3'},
	},
});
const samples = Math.max(1, Number(options.samples));
const sampleMs = Math.max(10, Number(options['sample-ms']));
const only = options.machines?.split(',');

type Side = 'standard' | 'express' | 'peer';
const SIDES: Side[] = ['peer', 'standard', 'express'];

interface Runner {
	/** One execution, to its end (and, for STANDARD, to its last history row committed). */
	once(): Promise<unknown>;
	/** States entered by one execution, as the engine itself reports them. */
	countTransitions(): Promise<{transitions: number; output: unknown}>;
}

function stratusRef(machine: BenchMachine, type: 'STANDARD' | 'EXPRESS'): StateMachineRef {
	const {definition, problems} = parseDefinition(JSON.stringify(machine.definition));
	if (!definition) throw new Error(`${machine.key}: ${formatProblem(problems[0])}`);
	return {arn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:bench-${machine.key}`, name: `bench-${machine.key}`, type, definition};
}

function stratusRunner(machine: BenchMachine, engine: Engine, type: 'STANDARD' | 'EXPRESS'): Runner {
	const ref = stratusRef(machine, type);
	return {
		async once() {
			const result = await engine.run(ref, machine.input);
			// The run resolves before its last batch is committed; the figure includes that commit.
			engine.flush();
			if (result.status !== 'SUCCEEDED') throw new Error(`${machine.key} ${type}: ${result.status} ${result.error} ${result.cause}`);
			return result.output;
		},
		async countTransitions() {
			const result = await engine.run(ref, machine.input, {keepHistory: true});
			engine.flush();
			const transitions = (result.events ?? []).filter(e => e.type.endsWith('StateEntered')).length;
			return {transitions, output: result.output};
		},
	};
}

function peerRunner(machine: BenchMachine): Runner {
	const peer = new StateMachine(machine.definition as unknown as ConstructorParameters<typeof StateMachine>[0]);
	return {
		once: () => peer.run(machine.input as never).result,
		async countTransitions() {
			const execution = peer.run(machine.input as never);
			let transitions = 0;
			for await (const event of execution.eventLogs) if (event.type === 'StateEntered') transitions++;
			return {transitions, output: await execution.result};
		},
	};
}

/** Executions back to back for at least `sampleMs`: transitions per second. */
async function sample(runner: Runner, transitions: number): Promise<number> {
	let executions = 0;
	const start = performance.now();
	let elapsed = 0;
	do {
		await runner.once();
		executions++;
		elapsed = performance.now() - start;
	} while (elapsed < sampleMs);
	return (executions * transitions) / (elapsed / 1000);
}

async function measureMachine(machine: BenchMachine, dir: string, notes: string[]): Promise<Record<Side, number>> {
	const db = openDatabase(join(dir, `${machine.key}.db`));
	const standard = new Engine({store: new ExecutionStore(db), clock: new RealClock(), region: REGION, accountId: ACCOUNT});
	const express = new Engine({clock: new RealClock(), region: REGION, accountId: ACCOUNT});
	const runners: Record<Side, Runner> = {
		standard: stratusRunner(machine, standard, 'STANDARD'),
		express: stratusRunner(machine, express, 'EXPRESS'),
		peer: peerRunner(machine),
	};
	try {
		let reference: unknown;
		for (const side of SIDES) {
			const {transitions, output} = await runners[side].countTransitions();
			// The peer forwards a Parallel branch's events to the root log asynchronously and the root log
			// closes first, so its log can come up short; the branch outputs show those states did run.
			const lossyLog = side === 'peer' && transitions < machine.transitions;
			if (transitions !== machine.transitions && !lossyLog) {
				throw new Error(`${machine.key}: ${side} entered ${transitions} states, the definition says ${machine.transitions}`);
			}
			if (lossyLog) notes.push(`${machine.title}: the peer's event log shows ${transitions} of the ${machine.transitions} states entered (it drops the tail of nested logs)`);
			if (side === 'peer') reference = output;
			else if (!isDeepStrictEqual(output, reference)) throw new Error(`${machine.key}: ${side}'s output differs from the peer's`);
		}
		for (const side of SIDES) await sample(runners[side], machine.transitions);
		const figures: Record<Side, number[]> = {standard: [], express: [], peer: []};
		for (let round = 0; round < samples; round++) {
			for (let i = 0; i < SIDES.length; i++) {
				const side = SIDES[(round + i) % SIDES.length];
				figures[side].push(await sample(runners[side], machine.transitions));
			}
		}
		return {standard: median(figures.standard), express: median(figures.express), peer: median(figures.peer)};
	} finally {
		await standard.idle();
		standard.flush();
		db.close();
	}
}

function newestMtime(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

function wallTime(command: string[], expectOutput: unknown): number {
	const start = performance.now();
	const child = spawnSync(command[0], command.slice(1), {cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024});
	const elapsed = performance.now() - start;
	if (child.status !== 0) throw new Error(`${command.join(' ')} exited ${child.status}: ${child.stderr.trim().split('\n').pop()}`);
	const printed = JSON.parse(child.stdout) as {status: string; output: unknown};
	if (printed.status !== 'SUCCEEDED' || !isDeepStrictEqual(printed.output, expectOutput)) {
		throw new Error(`${command.join(' ')} printed ${child.stdout.slice(0, 200)}`);
	}
	return elapsed;
}

function wholeProcess(dir: string): string[] {
	const cli = join(root, 'dist', 'cli.js');
	if (!existsSync(cli)) return ['whole process: skipped, dist/cli.js is missing (npm run build)'];
	const lines: string[] = [];
	const sources = ['source/engine', 'source/asl', 'source/store', 'source/workspace', 'source/cli', 'cli.tsx'].map(p => join(root, p));
	if (Math.max(...sources.map(newestMtime)) > statSync(cli).mtimeMs) lines.push('note: dist/ is older than source/: run `npm run build` for a current figure');
	const loop = choiceLoop(100_000);
	const definition = join(dir, 'loop.asl.json');
	const input = join(dir, 'loop-input.json');
	writeFileSync(definition, JSON.stringify(loop.definition));
	writeFileSync(input, JSON.stringify(loop.input));
	const expected = {count: 100_000};
	const runs = Math.max(1, Number(options['process-runs']));
	const times: Record<'stratus' | 'express' | 'peer', number[]> = {stratus: [], express: [], peer: []};
	for (let i = 0; i < runs; i++) {
		const db = join(dir, `process-${i}.db`);
		times.peer.push(wallTime([process.execPath, join(root, 'bench', 'peerRun.mjs'), definition, input], expected));
		times.stratus.push(wallTime([process.execPath, cli, 'run', definition, '--input-file', input, '--json', '--db', db], expected));
		times.express.push(wallTime([process.execPath, cli, 'run', definition, '--input-file', input, '--json', '--express', '--db', db], expected));
	}
	const peer = median(times.peer);
	const row = (label: string, ms: number, target?: number) => [
		label,
		`${(ms / 1000).toFixed(2)} s`,
		Math.round(loop.transitions / (ms / 1000)).toLocaleString('en-US'),
		target === undefined ? '' : `${formatRatio(peer / ms)} ${peer / ms >= target ? '✓' : '✗'} (≥${target.toFixed(1)}×)`,
	];
	lines.push(
		`whole process: ${loop.title} (${loop.transitions.toLocaleString('en-US')} transitions), wall time, median of ${runs}, a fresh database each run`,
		...formatTable(
			['command', 'wall', 'transitions/s', 'speed vs peer'],
			[
				row('stratus run FILE --json (STANDARD)', median(times.stratus), TARGET_STANDARD),
				row('stratus run FILE --json --express', median(times.express), TARGET_EXPRESS),
				row('node bench/peerRun.mjs FILE', peer),
			],
		),
	);
	return lines;
}

async function main(): Promise<void> {
	const peerVersion = (JSON.parse(readFileSync(join(root, 'node_modules/aws-local-stepfunctions/package.json'), 'utf8')) as {version: string}).version;
	const dir = mkdtempSync(join(tmpdir(), 'stratus-bench-'));
	try {
		console.log(`stratus engine vs aws-local-stepfunctions ${peerVersion}, Node ${process.version}, ${process.platform}/${process.arch}`);
		console.log(`transitions = states entered (every state of the machine, of each Map iteration and Parallel branch, and the Map/Parallel itself)`);
		console.log(`median of ${samples} samples of ≥ ${sampleMs} ms each, after a warm-up; STANDARD persists every history event to SQLite (WAL)\n`);
		const rows: string[][] = [];
		const notes: string[] = [];
		let missed = 0;
		for (const machine of benchMachines().filter(m => !only || only.includes(m.key))) {
			const f = await measureMachine(machine, dir, notes);
			const standardRatio = f.standard / f.peer;
			const expressRatio = f.express / f.peer;
			if (standardRatio < TARGET_STANDARD) missed++;
			if (expressRatio < TARGET_EXPRESS) missed++;
			const tps = (n: number) => Math.round(n).toLocaleString('en-US');
			rows.push([
				machine.title,
				machine.transitions.toLocaleString('en-US'),
				tps(f.standard),
				tps(f.express),
				tps(f.peer),
				`${formatRatio(standardRatio)} ${standardRatio >= TARGET_STANDARD ? '✓' : '✗'}`,
				`${formatRatio(expressRatio)} ${expressRatio >= TARGET_EXPRESS ? '✓' : '✗'}`,
			]);
		}
		const header = ['machine', 'states/exec', 'STANDARD tps', 'EXPRESS tps', 'peer tps', `STANDARD/peer ≥${TARGET_STANDARD.toFixed(1)}×`, `EXPRESS/peer ≥${TARGET_EXPRESS.toFixed(1)}×`];
		for (const line of formatTable(header, rows)) console.log(line);
		for (const note of notes) console.log(`note: ${note}`);
		console.log(missed === 0 ? '\nall targets met' : `\n${missed} target(s) missed`);
		if (!options['no-process']) {
			console.log('');
			for (const line of wholeProcess(dir)) console.log(line);
		}
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

await main();
