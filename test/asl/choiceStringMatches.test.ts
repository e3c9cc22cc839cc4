import {test} from 'node:test';
import assert from 'node:assert/strict';
import {matchesWildcard} from '../../source/asl/choice/stringPattern.js';

test('the ASL spec examples', () => {
	assert.ok(matchesWildcard('foo23.log', 'foo*.log'));
	assert.ok(matchesWildcard('zebra.log', '*.log'));
	assert.ok(matchesWildcard('foobar.zebra', 'foo*.*'));
	assert.ok(matchesWildcard('log-2024.txt', 'log-*.txt'));
	assert.equal(matchesWildcard('log-2024.txt.gz', 'log-*.txt'), false);
});

test('a pattern without * must equal the whole string', () => {
	assert.ok(matchesWildcard('abc', 'abc'));
	assert.equal(matchesWildcard('abcd', 'abc'), false);
	assert.equal(matchesWildcard('xabc', 'abc'), false);
	assert.ok(matchesWildcard('', ''));
	assert.equal(matchesWildcard('a', ''), false);
});

test('* matches any run, including an empty one', () => {
	assert.ok(matchesWildcard('', '*'));
	assert.ok(matchesWildcard('anything at all', '*'));
	assert.ok(matchesWildcard('ab', 'a*b'));
	assert.ok(matchesWildcard('a-b-c', 'a*b*c'));
	assert.ok(matchesWildcard('abc', '**abc**'));
	// The prefix and suffix may not overlap.
	assert.equal(matchesWildcard('a', 'a*a'), false);
	assert.ok(matchesWildcard('aa', 'a*a'));
	assert.equal(matchesWildcard('abab', 'a*b*ab*b'), false);
	assert.ok(matchesWildcard('abxab', '*ab*ab'));
});

test('other characters carry no meaning', () => {
	assert.ok(matchesWildcard('a?c', 'a?c'));
	assert.equal(matchesWildcard('abc', 'a?c'), false);
	assert.equal(matchesWildcard('abc', 'a.c'), false);
	assert.ok(matchesWildcard('[x]+(y)', '[x]+*'));
	assert.equal(matchesWildcard('x', '[x]'), false);
});

test('\\* is a literal asterisk and \\\\ a literal backslash', () => {
	assert.ok(matchesWildcard('a*b', 'a\\*b'));
	assert.equal(matchesWildcard('axb', 'a\\*b'), false);
	assert.ok(matchesWildcard('x\\y', 'x\\\\y'));
	assert.equal(matchesWildcard('x\\\\y', 'x\\\\y'), false);
	// An escaped backslash followed by a wildcard.
	assert.ok(matchesWildcard('dir\\file.txt', 'dir\\\\*.txt'));
	// Escaped star among wildcards.
	assert.ok(matchesWildcard('rating: ***', 'rating: \\*\\*\\**'));
	// Any other backslash stands for itself.
	assert.ok(matchesWildcard('a\\nb', 'a\\nb'));
	assert.ok(matchesWildcard('end\\', 'end\\'));
});

test('stays linear on patterns that make regular expressions backtrack', () => {
	const subject = 'a'.repeat(50_000);
	const started = performance.now();
	assert.equal(matchesWildcard(subject, '*a*a*a*a*a*a*a*a*a*a*b'), false);
	assert.ok(performance.now() - started < 200);
});
