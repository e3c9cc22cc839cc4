/** Runs the built CLI (dist/cli.js, built by `npm test` before the tests) as a user would. */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {after} from 'node:test';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = join(repoRoot, 'dist', 'cli.js');

export interface CliResult {
	status: number;
	stdout: string;
	stderr: string;
}

export function stratus(args: string[], options: {cwd?: string; input?: string; env?: NodeJS.ProcessEnv} = {}): CliResult {
	const result = spawnSync(process.execPath, [cliPath, ...args], {
		cwd: options.cwd ?? repoRoot,
		input: options.input,
		encoding: 'utf8',
		env: {...process.env, ...options.env},
	});
	return {status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr};
}

export function stratusAsync(args: string[], options: {cwd?: string} = {}): Promise<CliResult> {
	return new Promise(resolvePromise => {
		const child = spawn(process.execPath, [cliPath, ...args], {cwd: options.cwd ?? repoRoot});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', d => (stdout += d));
		child.stderr.on('data', d => (stderr += d));
		child.on('close', status => resolvePromise({status: status ?? -1, stdout, stderr}));
	});
}

/** Long-running processes a test started; killed when the file's tests end, pass or fail, so none outlives them. */
const children = new Set<ChildProcess>();
after(() => {
	for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

export function spawnStratus(args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv} = {}): ChildProcess {
	const child = spawn(process.execPath, [cliPath, ...args], {cwd: options.cwd ?? repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, ...options.env}});
	children.add(child);
	child.once('exit', () => children.delete(child));
	return child;
}

export function json<T = unknown>(result: CliResult): T {
	if (result.status !== 0 && result.stdout.trim() === '') throw new Error(`stratus exited ${result.status}: ${result.stderr}`);
	return JSON.parse(result.stdout) as T;
}

export function tempDir(prefix = 'stratus-test-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

export async function waitFor<T>(probe: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise(r => setTimeout(r, 100));
	}
}
