/** A chosen execution name is taken once: AWS's ExecutionAlreadyExists, named after the flag, nothing stored twice. */
import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
import {json, stratus, tempDir} from '../helpers/cli.js';

test('run and start refuse a name already taken, with exit 2 naming --name', () => {
	const dir = tempDir();
	const db = join(dir, 'stratus.db');
	const file = join(dir, 'Greeter.asl.json');
	writeFileSync(file, JSON.stringify({StartAt: 'Hello', States: {Hello: {Type: 'Pass', Result: 'hi', End: true}}}));

	const first = stratus(['run', file, '--db', db, '--name', 'once', '--json']);
	assert.equal(first.status, 0, first.stderr);
	for (const command of ['run', 'start']) {
		const again = stratus([command, file, '--db', db, '--name', 'once', '--json']);
		assert.equal(again.status, 2, `${command}: ${again.stderr}`);
		assert.match(again.stderr, /--name: ExecutionAlreadyExists: an execution named 'once' already exists/);
		assert.doesNotMatch(again.stderr, /\n\s+at /, 'one line, no stack trace');
	}
	const listed = json<Array<{name: string; status: string}>>(stratus(['executions', '--db', db, '--json']));
	assert.deepEqual(listed.map(e => [e.name, e.status]), [['once', 'SUCCEEDED']]);
});
