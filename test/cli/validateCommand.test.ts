/**
 * `stratus validate FILE` and `stratus run FILE` on every invalid definition in
 * fixtures/invalid: exit 2, one line on stderr that starts with the JSON pointer
 * of the field at fault.
 */
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
import {repoRoot, stratus, tempDir} from '../helpers/cli.js';

const dir = join(repoRoot, 'fixtures', 'invalid');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, string>;

for (const [file, pointer] of Object.entries(expected)) {
	test(`validate ${file}: exit 2 naming ${pointer || 'the definition'}`, () => {
		const result = stratus(['validate', join(dir, file), '--db', join(tempDir(), 's.db')]);
		assert.equal(result.status, 2, result.stdout);
		const lines = result.stderr.trim().split('\n');
		assert.ok(lines.some(line => line.includes(`${file}: ${pointer || 'definition'}`)), result.stderr);
	});
}

test('run refuses an invalid definition before anything runs, with the same pointer', () => {
	const db = join(tempDir(), 's.db');
	const result = stratus(['run', join(dir, 'bad-backoff-rate.json'), '--db', db, '--json']);
	assert.equal(result.status, 2);
	assert.equal(result.stdout, '', 'nothing on stdout');
	assert.match(result.stderr, /^stratus: .*bad-backoff-rate\.json: \/States\/Charge\/Retry\/0\/BackoffRate: /);
	assert.equal(result.stderr.trim().split('\n').length, 1, 'one line');
});

test('a valid definition validates', () => {
	const result = stratus(['validate', join(repoRoot, 'fixtures', 'mocks', 'order.asl.json')]);
	assert.equal(result.status, 0, result.stderr);
});
