/**
 * The workbench under load, off-screen: a memory backend holding 10,000 executions
 * and a 100-state machine, rendered by Ink exactly as `startWorkbench` renders it
 * (same render options, 60 fps cap, production React) into a fake 160×50 terminal.
 * 200 key presses (j/k in the executions list, Enter to the graph, j/k through its
 * states, Enter to step detail, Tab around) are sent one at a time, 40 ms apart (a
 * fast key repeat); each is timed from the write to stdin to the first byte of the
 * frame that answers it. RSS is the process's, read after the last key with the
 * workbench still mounted, and its peak over the run.
 *
 * The workbench runs as shipped: this file and the sources it loads are compiled
 * with esbuild (packages stay external) and run by plain `node`, as `dist/cli.js`
 * is, not through tsx, whose loader thread and transform added ~40 MB of RSS and a
 * slower development build of our code to every figure. Colour is on (a workbench
 * always draws to a terminal, whatever this bench's stdout is), unless --no-color,
 * which, like `stratus --no-color`, turns Ink's styling off.
 *
 * Peer, in the same run: @alcalzone/ink-table (the table component the workbench
 * does not use) rendering the same 10,000 executions once, and our table
 * rendering its visible window of them.
 *
 *   npm run bench:tui [-- --no-color]        targets: p95 ≤ 50 ms, RSS ≤ 200 MB
 */
import {spawnSync} from 'node:child_process';
import {EventEmitter} from 'node:events';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {preferProductionReact, WORKBENCH_RENDER_OPTIONS} from '../source/tui/renderOptions.js';
import {keepYoungGenerationSmall} from '../source/tui/workbenchHeap.js';
import {FakeStdin} from '../test/tui/fakeStdin.js';

const COMPILED = '--compiled';

if (!process.argv.includes(COMPILED)) {
	// Compile this file with what it imports from source/ and test/ into one module; packages
	// resolve to the same node_modules files they would under tsx.
	const {build} = await import('esbuild');
	const dir = mkdtempSync(join(tmpdir(), 'stratus-tui-bench-'));
	const outfile = join(dir, 'tui.bench.mjs');
	try {
		await build({
			entryPoints: [fileURLToPath(import.meta.url)],
			outfile,
			bundle: true,
			platform: 'node',
			format: 'esm',
			target: 'node20',
			logLevel: 'error',
			plugins: [
				{
					name: 'packages-in-place',
					setup(compiler) {
						compiler.onResolve({filter: /^[^./]/}, args => ({path: args.path.startsWith('node:') ? args.path : import.meta.resolve(args.path), external: true}));
					},
				},
			],
		});
		// Compiled, packages load before any of this file runs: what it sets up in the environment
		// before loading Ink and React (production React, no CI mode) is set up for it here.
		const env: NodeJS.ProcessEnv = {...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production'};
		delete env.CI;
		delete env.CONTINUOUS_INTEGRATION;
		if (!process.argv.includes('--no-color')) env.FORCE_COLOR ??= '1';
		const run = spawnSync(process.execPath, [outfile, COMPILED, ...process.argv.slice(2)], {stdio: 'inherit', env});
		process.exitCode = run.status ?? 1;
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
	process.exit();
}

preferProductionReact();
keepYoungGenerationSmall();
// Ink writes nothing but static output when it believes it runs in CI.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;

const [{render}, React, {App}, {sampleBackend}, {createTheme}, {tableLines}, inkTable] = await Promise.all([
	import('ink'),
	import('react'),
	import('../source/tui/App.js'),
	import('../source/tui/sampleWorkbench.js'),
	import('../source/tui/theme.js'),
	import('../source/tui/table.js'),
	import('@alcalzone/ink-table'),
]);

const COLUMNS = 160;
const ROWS = 50;
const KEYS = 200;
const GAP_MS = 40;

class Terminal extends EventEmitter {
	isTTY = true;
	columns = COLUMNS;
	rows = ROWS;
	writes = 0;
	bytes = 0;
	onWrite?: () => void;
	write = (data: string) => {
		if (data.length > 0) {
			this.writes++;
			this.bytes += data.length;
			this.onWrite?.();
		}
		return true;
	};
}

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

const now = Date.now();
const built = performance.now();
const backend = sampleBackend({executions: 10_000, largeMachineStates: 100, now});
const buildMs = performance.now() - built;

const stdout = new Terminal();
const inkTimes: number[] = [];
const rssAtStart = process.memoryUsage().rss / 1024 / 1024;
const stdin = new FakeStdin();
const started = performance.now();
let firstFrame: number | undefined;
stdout.onWrite = () => (firstFrame ??= performance.now());
const colour = !process.argv.includes('--no-color');
const instance = render(React.createElement(App, {backend, theme: createTheme({colour}), title: 'bench'}), {
	...WORKBENCH_RENDER_OPTIONS,
	patchConsole: false,
	onRender: ({renderTime}: {renderTime: number}) => inkTimes.push(renderTime),
	stdout: stdout as unknown as NodeJS.WriteStream,
	stdin: stdin as unknown as NodeJS.ReadStream,
	stderr: stdout as unknown as NodeJS.WriteStream,
});
while (firstFrame === undefined) await sleep(1);
const startupMs = firstFrame - started;
await sleep(100);

// Show every machine's executions, so j moves between the 100-state machine and the small ones.
for (const key of ['l', 'l']) {
	stdin.write(key);
	await sleep(GAP_MS);
}

const cycle = ['j', 'j', 'j', 'j', 'j', 'k', 'k', 'j', '\r', 'j', 'j', 'j', 'j', 'k', '\r', '\t', '\t', '\t', '\t'];
const latencies: number[] = [];
const cpu: number[] = [];
let missed = 0;
for (let i = 0; i < KEYS; i++) {
	const key = cycle[i % cycle.length];
	let frameAt: number | undefined;
	stdout.onWrite = () => (frameAt ??= performance.now());
	const cpuBefore = process.cpuUsage();
	const sent = performance.now();
	stdin.write(key);
	const deadline = sent + 2000;
	while (frameAt === undefined && performance.now() < deadline) await new Promise(resolve => setImmediate(resolve));
	const used = process.cpuUsage(cpuBefore);
	if (frameAt === undefined) missed++;
	else {
		latencies.push(frameAt - sent);
		cpu.push((used.user + used.system) / 1000);
	}
	await sleep(GAP_MS);
}
const rssMb = process.memoryUsage().rss / 1024 / 1024;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
const gc = (globalThis as {gc?: () => void}).gc;
gc?.();
const liveHeapMb = gc ? process.memoryUsage().heapUsed / 1024 / 1024 : undefined;
instance.unmount();
instance.cleanup();

// Peer: one frame of the executions list, all 10,000 rows through ink-table, our window through tableLines.
const executions = backend.executions().map(e => ({status: e.status, name: e.name, machine: e.machineName, started: new Date(e.startDate).toISOString()}));
const peerOut = new Terminal();
let t = performance.now();
const peer = render(React.createElement(inkTable.Table as unknown as React.ComponentType<{data: typeof executions}>, {data: executions}), {stdout: peerOut as unknown as NodeJS.WriteStream, debug: true, patchConsole: false});
const inkTableMs = performance.now() - t;
const inkTableKb = peerOut.bytes / 1024;
peer.unmount();
peer.cleanup();
t = performance.now();
for (let i = 0; i < 100; i++) {
	tableLines({
		columns: [
			{title: 'Status', width: 10, priority: 0, cell: (e: (typeof executions)[number]) => e.status},
			{title: 'Name', width: 'flex', priority: 1, cell: e => e.name},
			{title: 'Machine', width: 16, priority: 2, cell: e => e.machine},
			{title: 'Started', width: 24, priority: 3, cell: e => e.started},
		],
		items: executions,
		selected: 5000 + i,
		top: 5000,
		width: 100,
		height: 40,
		focused: true,
	});
}
const ourTableMs = (performance.now() - t) / 100;

latencies.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const fmt = (ms: number) => ms.toFixed(1).padStart(7);
process.stdout.write(
	[
		`tui bench: ${COLUMNS}×${ROWS}, 10,000 executions, a 100-state machine; ${KEYS} keys ${GAP_MS} ms apart (compiled, plain node, NODE_ENV=${process.env.NODE_ENV}, ${colour ? 'colour' : 'no colour'})`,
		`  sample data built          ${fmt(buildMs)} ms`,
		`  first frame                ${fmt(startupMs)} ms`,
		`  keypress → frame   p50     ${fmt(percentile(latencies, 50))} ms`,
		`                     p95     ${fmt(percentile(latencies, 95))} ms   (target ≤ 50)`,
		`                     max     ${fmt(latencies[latencies.length - 1])} ms   (${missed} keys without a frame)`,
		`  CPU per keypress   p50     ${fmt(percentile(cpu, 50))} ms   (this process; wall time above includes waiting for a core)`,
		`                     p95     ${fmt(percentile(cpu, 95))} ms`,
		`  Ink output per frame  p50  ${fmt(percentile([...inkTimes].sort((a, b) => a - b), 50))} ms   (layout and drawing, part of the above)`,
		`  RSS                        ${fmt(rssMb)} MB   (target ≤ 200; ${rssAtStart.toFixed(0)} MB before the workbench)`,
		`  RSS peak                   ${fmt(peakRssMb)} MB   (the most the process held at any moment so far)`,
		`  JS heap                    ${fmt(heapMb)} MB   (${liveHeapMb === undefined ? 'run with --expose-gc to see what is live' : `${liveHeapMb.toFixed(0)} MB live after a collection`})`,
		`peer: one frame of the 10,000-row executions list`,
		`  @alcalzone/ink-table, every row   ${fmt(inkTableMs)} ms   (${inkTableKb.toFixed(0)} KB written)`,
		`  workbench table, visible window   ${fmt(ourTableMs)} ms`,
		'',
	].join('\n'),
);
process.exit(0);
