// Runs every test file under test/ with node's test runner through tsx.
// Node 20's --test does not expand globs, so the file list is gathered here.
import {spawnSync} from 'node:child_process';
import {readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';

function collect(dir) {
	return readdirSync(dir).flatMap(name => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : collect(path);
		return /\.test\.tsx?$/.test(name) ? [path] : [];
	});
}

const filter = process.argv.slice(2);
const files = collect('test').filter(f => filter.length === 0 || filter.some(s => f.includes(s))).sort();
const result = spawnSync(
	process.execPath,
	['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
	{stdio: 'inherit'},
);
process.exit(result.status ?? 1);
