/** Task tokens go on command lines (`stratus approve TOKEN`): none may read as a flag. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {newTaskToken} from '../../source/engine/tasks/taskToken.js';

test('task tokens are unique and never start with a dash', () => {
	const tokens = Array.from({length: 2000}, newTaskToken);
	assert.equal(new Set(tokens).size, tokens.length);
	for (const token of tokens) assert.match(token, /^[A-Za-z][A-Za-z0-9_-]+$/);
});
