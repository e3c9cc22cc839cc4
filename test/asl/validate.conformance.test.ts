/**
 * Zero false rejections: every definition in the conformance corpus was accepted by
 * real AWS, so validation must find nothing wrong with any of them.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {formatProblem, parseDefinition, validateDefinition} from '../../source/asl/validate/index.js';

const CASES = '/work/shared/conformance/cases';

// CI lays shared/ beside the clone; a developer's tree has it one level up from main.
const casesDir = [CASES, join(process.cwd(), '../shared/conformance/cases')].find(dir => existsSync(dir));

test('every AWS-accepted conformance definition validates without problems', {skip: !casesDir && 'no conformance corpus'}, () => {
	const files = readdirSync(casesDir!).filter(name => name.endsWith('.json') && !name.startsWith('_'));
	assert.ok(files.length >= 600, `expected the full corpus, found ${files.length} cases`);
	const rejected: string[] = [];
	for (const file of files) {
		const {definition} = JSON.parse(readFileSync(join(casesDir!, file), 'utf8')) as {definition: unknown};
		const problems = validateDefinition(definition);
		if (problems.length > 0) rejected.push(`${file}: ${problems.map(formatProblem).join('; ')}`);
	}
	assert.deepEqual(rejected, []);
});

test('parsing the corpus text returns the definition itself', {skip: !casesDir && 'no conformance corpus'}, () => {
	const files = readdirSync(casesDir!).filter(name => name.endsWith('.json') && !name.startsWith('_'));
	for (const file of files.slice(0, 50)) {
		const {definition} = JSON.parse(readFileSync(join(casesDir!, file), 'utf8')) as {definition: unknown};
		const parsed = parseDefinition(JSON.stringify(definition, null, 2));
		assert.deepEqual(parsed.problems, [], file);
		assert.deepEqual(parsed.definition, definition, file);
	}
});

test('validation does not modify the definition it is given', {skip: !casesDir && 'no conformance corpus'}, () => {
	const files = readdirSync(casesDir!).filter(name => name.endsWith('.json') && !name.startsWith('_'));
	for (const file of files.slice(0, 50)) {
		const {definition} = JSON.parse(readFileSync(join(casesDir!, file), 'utf8')) as {definition: unknown};
		const before = JSON.stringify(definition);
		validateDefinition(definition);
		assert.equal(JSON.stringify(definition), before, file);
	}
});
