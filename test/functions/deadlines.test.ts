/**
 * The process-wide deadline timer behind invocation timeouts: entries expire at
 * their deadline (in order, each once), entries removed first never expire, and
 * an idle timer does not keep the process alive while a tracked one does.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {deadlines, type Deadline} from '../../source/functions/runtimes/deadlines.js';

function entry(at: number, expired: string[], name: string): Deadline {
	return {at, expire: () => expired.push(name)};
}

test('entries expire at their deadlines, in order; removed ones never do', async () => {
	const expired: string[] = [];
	const now = performance.now();
	const late = entry(now + 60, expired, 'late');
	const early = entry(now + 20, expired, 'early');
	const removed = entry(now + 10, expired, 'removed');
	deadlines.add(late);
	deadlines.add(early);
	deadlines.add(removed);
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
	const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `import {deadlines} from ${JSON.stringify(module)};\n${body}`], {encoding: 'utf8', timeout: 20_000});
	assert.equal(result.status, 0, result.stderr);
	return {ms: performance.now() - start, stdout: result.stdout};
}

test('a tracked deadline keeps the process alive until it expires; an untracked one does not', () => {
	const tracked = runScript(`deadlines.add({at: performance.now() + 300, expire: () => console.log('expired')});`);
	assert.equal(tracked.stdout, 'expired\n');
	const forgotten = runScript(`const e = {at: performance.now() + 60_000, expire: () => console.log('expired')}; deadlines.add(e); deadlines.delete(e);`);
	assert.equal(forgotten.stdout, '');
	assert.ok(forgotten.ms < 15_000, `exited after ${forgotten.ms} ms, not at the 60 s deadline`);
});
