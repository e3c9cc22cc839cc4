/**
 * Python and OS-only (`provided*`) functions: warm processes behind the Lambda
 * Runtime API, one invocation at a time each, more spawned when invocations overlap.
 *
 * Python runs stratus's standard-library bootstrap with the interpreter closest to
 * the runtime (`python3.12` when installed, else `python3`). `provided` runs the
 * function's own `bootstrap` unmodified, from the code folder or else from a layer;
 * a `#!/bin/sh` bootstrap runs under bash named `sh`, which is what /bin/sh is on
 * Amazon Linux (dash would reject the tutorial's `set -o pipefail`).
 */
import {spawnSync} from 'node:child_process';
import {accessSync, constants, existsSync, openSync, readFileSync, readSync, closeSync, writeFileSync, renameSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CodeWatcher} from '../codeWatcher.js';
import {pythonBootstrapPath} from '../packageRoot.js';
import {errorPayload, failedOutcome, RuntimeErrorType} from '../runtimeErrors.js';
import {runtimeFamily, RuntimeFamily} from '../runtimeFamily.js';
import type {InvokeOutcome, InvokeRequest, RuntimePool, RuntimePoolSpec} from '../runtimeTypes.js';
import {ProcessEnvironment, type EnvironmentOwner, type Launch} from './processEnvironment.js';

type LaunchPlan = {launch: Launch; watchDirs: string[]} | {problem: {errorType: string; errorMessage: string}};

export class ProcessPool implements RuntimePool, EnvironmentOwner {
	private idle: ProcessEnvironment[] = [];
	private readonly all = new Set<ProcessEnvironment>();
	private generation = 0;
	private readonly watcher: CodeWatcher | undefined;
	private disposed = false;

	constructor(readonly spec: RuntimePoolSpec) {
		if (spec.watch) this.watcher = new CodeWatcher(() => this.codeChanged());
	}

	private get codeDir(): string {
		return this.spec.env.LAMBDA_TASK_ROOT ?? this.spec.fn.codeDir;
	}

	invoke(req: InvokeRequest): Promise<InvokeOutcome> {
		const timeoutMs = Math.max(0, req.deadlineMs - Date.now());
		let env = this.idle.pop();
		while (env && (env.dead || env.generation !== this.generation)) {
			env.dispose();
			env = this.idle.pop();
		}
		if (env) return env.run(req, false, timeoutMs);
		return this.coldInvoke(req, timeoutMs);
	}

	private async coldInvoke(req: InvokeRequest, timeoutMs: number): Promise<InvokeOutcome> {
		const plan = this.plan(req.requestId);
		if ('problem' in plan) return failedOutcome(errorPayload(plan.problem.errorType, plan.problem.errorMessage), plan.problem.errorType);
		this.watcher?.watch(plan.watchDirs);
		if (this.disposed) return failedOutcome(errorPayload('ServiceException', 'function pool closed'), 'ServiceException');
		const env = new ProcessEnvironment(this, this.generation, plan.launch);
		this.all.add(env);
		const init = await env.ready;
		if (!init.ok) {
			env.dispose();
			return failedOutcome(init.errorPayload!, init.errorType!, {initDurationMs: init.initDurationMs, initLogs: init.initLogs});
		}
		return env.run(req, true, timeoutMs);
	}

	private plan(requestId: string): LaunchPlan {
		const family = runtimeFamily(this.spec.fn.runtime);
		if (family === RuntimeFamily.Python) {
			const python = pythonInterpreter(this.spec.fn.runtime);
			if (!python) {
				return {problem: {errorType: RuntimeErrorType.InvalidEntrypoint, errorMessage: `RequestId: ${requestId} Error: no python3 interpreter found on PATH`}};
			}
			const module = this.spec.fn.handler.slice(0, Math.max(0, this.spec.fn.handler.lastIndexOf('.')));
			const moduleDir = join(this.codeDir, ...module.split(/[./]/).slice(0, -1));
			return {
				launch: {command: python, args: [pythonBootstrapPath()], cwd: this.codeDir},
				watchDirs: [...new Set([this.codeDir, moduleDir])],
			};
		}
		// On AWS the code is at /var/task and layers merge into /opt, later layers on top.
		const candidates = [join(this.codeDir, 'bootstrap'), ...[...this.spec.layerDirs].reverse().map(dir => join(dir, 'bootstrap'))];
		const bootstrap = candidates.find(path => existsSync(path));
		if (!bootstrap) {
			return {
				problem: {
					errorType: RuntimeErrorType.InvalidEntrypoint,
					errorMessage: `RequestId: ${requestId} Error: Couldn't find valid bootstrap(s): [${candidates.join(' ')}]`,
				},
			};
		}
		const watchDirs = [this.codeDir];
		if (isPosixShellScript(bootstrap)) return {launch: {command: 'bash', args: [bootstrap], argv0: 'sh', cwd: this.codeDir}, watchDirs};
		try {
			accessSync(bootstrap, constants.X_OK);
		} catch {
			return {problem: {errorType: RuntimeErrorType.InvalidEntrypoint, errorMessage: `RequestId: ${requestId} Error: fork/exec ${bootstrap}: permission denied`}};
		}
		return {launch: {command: bootstrap, args: [], cwd: this.codeDir}, watchDirs};
	}

	release(env: ProcessEnvironment): void {
		if (env.dead) return;
		if (env.generation !== this.generation || this.disposed) env.dispose();
		else this.idle.push(env);
	}

	forget(env: ProcessEnvironment): void {
		this.all.delete(env);
	}

	private codeChanged(): void {
		this.generation++;
		const idle = this.idle;
		this.idle = [];
		for (const env of idle) env.dispose();
	}

	async dispose(): Promise<void> {
		this.disposed = true;
		this.watcher?.close();
		this.idle = [];
		for (const env of [...this.all]) env.dispose();
	}
}

function isPosixShellScript(path: string): boolean {
	const head = Buffer.alloc(64);
	let fd: number | undefined;
	try {
		fd = openSync(path, 'r');
		const bytes = readSync(fd, head, 0, head.length, 0);
		const firstLine = head.subarray(0, bytes).toString('utf8').split('\n')[0].trim();
		return /^#!\s*(\/usr)?\/bin\/sh\b/.test(firstLine) || /^#!\s*\/usr\/bin\/env\s+sh\b/.test(firstLine);
	} catch {
		return false;
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

const interpreters = new Map<string, string | undefined>();

/**
 * The real interpreter path (not a pyenv shim), closest to the runtime's version.
 * Probing through shims takes a few hundred milliseconds, so the answer is also kept
 * in a small cache file per PATH: one-shot commands (`stratus run`) pay it once.
 */
function pythonInterpreter(runtime: string): string | undefined {
	if (interpreters.has(runtime)) return interpreters.get(runtime);
	const key = `${runtime}|${process.env.PATH ?? ''}`;
	const cacheFile = join(tmpdir(), 'stratus-python-interpreters.json');
	let cache: Record<string, string> = {};
	try {
		cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
	} catch {
		// No cache yet.
	}
	let found: string | undefined = cache[key] && existsSync(cache[key]) ? cache[key] : undefined;
	if (!found) {
		const minor = runtime.replace(/^python/, '');
		for (const command of [`python${minor}`, 'python3']) {
			const probe = spawnSync(command, ['-c', 'import sys; print(sys.executable)'], {encoding: 'utf8', timeout: 10_000});
			if (probe.status === 0 && probe.stdout.trim()) {
				found = probe.stdout.trim();
				break;
			}
		}
		if (found) {
			try {
				const staging = `${cacheFile}.${process.pid}`;
				writeFileSync(staging, JSON.stringify({...cache, [key]: found}));
				renameSync(staging, cacheFile);
			} catch {
				// Caching is an optimisation only.
			}
		}
	}
	interpreters.set(runtime, found);
	return found;
}
