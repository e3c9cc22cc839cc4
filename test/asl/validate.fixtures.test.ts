/**
 * The invalid definitions in fixtures/invalid/: each must be refused, with a problem at
 * the pointer `expected.json` names for it, read from its text the way
 * `stratus validate FILE` reads it.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {formatProblem, parseDefinition} from '../../source/asl/validate/index.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/invalid/', import.meta.url));
const expected = JSON.parse(readFileSync(FIXTURES + 'expected.json', 'utf8')) as Record<string, string>;

test('expected.json names every fixture file, and only those', () => {
	const files = readdirSync(FIXTURES).filter(name => name.endsWith('.json') && name !== 'expected.json');
	assert.deepEqual(Object.keys(expected).sort(), files.sort());
	assert.ok(files.length >= 12);
});

for (const [file, pointer] of Object.entries(expected)) {
	test(`${file} is refused at ${pointer || '(the whole definition)'}`, () => {
		const {definition, problems} = parseDefinition(readFileSync(FIXTURES + file, 'utf8'));
		assert.equal(definition, undefined);
		assert.ok(
			problems.some(problem => problem.pointer === pointer),
			`no problem at '${pointer}'; found:\n${problems.map(formatProblem).join('\n')}`,
		);
	});
}
