/**
 * The process-wide deadline timer behind invocation timeouts: entries expire at
 * their deadline (in order, each once), entries removed first never expire, and
 * an idle timer does not keep the process alive while a tracked one does.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {Deadline, deadlines} from '../../source/functions/runtimes/deadlines.js';

class Entry extends Deadline {
	constructor(
		readonly at: number,
		private readonly expired: string[],
		private readonly name: string,
	) {
		super();
	}

	expire(): void {
		this.expired.push(this.name);
	}
}

function entry(at: number, expired: string[], name: string): Deadline {
	return new Entry(at, expired, name);
}

test('entries expire at their deadlines, in order; removed ones never do', async () => {
	const expired: string[] = [];
	const now = performance.now();
	const late = entry(now + 60, expired, 'late');
	const middle = entry(now + 30, expired, 'middle');
	const early = entry(now + 20, expired, 'early');
	const removed = entry(now + 10, expired, 'removed');
	for (const e of [late, middle, early, removed]) deadlines.add(e);
	// Removed from the middle and from the end of the list.
	deadlines.delete(middle);
	deadlines.delete(removed);
	await new Promise(resolve => setTimeout(resolve, 35));
	assert.deepEqual(expired, ['early']);
	// An entry added after the timer was armed for a later deadline moves it earlier.
	const sooner = entry(performance.now() + 5, expired, 'sooner');
	deadlines.add(sooner);
	await new Promise(resolve => setTimeout(resolve, 50));
	assert.deepEqual(expired, ['early', 'sooner', 'late']);
	assert.ok(performance.now() - now >= 59, 'nothing expires before its deadline');
});

const module = fileURLToPath(new URL('../../source/functions/runtimes/deadlines.ts', import.meta.url));

function runScript(body: string): {ms: number; stdout: string} {
	const start = performance.now();
	const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `import {Deadline, deadlines} from ${JSON.stringify(module)};\n${body}`], {encoding: 'utf8', timeout: 20_000});
	assert.equal(result.status, 0, result.stderr);
	return {ms: performance.now() - start, stdout: result.stdout};
}

test('a tracked deadline keeps the process alive until it expires; an untracked one does not', () => {
	const make = (ms: number) => `new (class extends Deadline { at = performance.now() + ${ms}; expire() { console.log('expired'); } })()`;
	const tracked = runScript(`deadlines.add(${make(300)});`);
	assert.equal(tracked.stdout, 'expired\n');
	const forgotten = runScript(`const e = ${make(60_000)}; deadlines.add(e); deadlines.delete(e);`);
	assert.equal(forgotten.stdout, '');
	assert.ok(forgotten.ms < 15_000, `exited after ${forgotten.ms} ms, not at the 60 s deadline`);
});
