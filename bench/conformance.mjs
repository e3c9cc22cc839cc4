#!/usr/bin/env node
// `npm run conformance`: the AWS-recorded cases in ../shared/conformance through
// `stratus run --json --time-skip`, with per-tag pass counts from the shared runner.
// Extra arguments go to the runner (e.g. --exclude-needs lambda, --filter Map, --verbose).
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.STRATUS_CONFORMANCE ?? resolve(root, '..', 'shared', 'conformance');
if (!existsSync(join(shared, 'run.py'))) {
	console.error(`conformance: no runner at ${shared} (set STRATUS_CONFORMANCE to the folder holding run.py and cases/)`);
	process.exit(2);
}
const cli = join(root, 'dist', 'cli.js');
const cmd = `node ${cli} run {definition} --input-file {input} --json --time-skip --db {workdir}/stratus.db --functions {functions}`;
const args = [join(shared, 'run.py'), join(shared, 'cases'), '--jobs', '2', '--timeout', '30', '--cmd', cmd, ...process.argv.slice(2)];
const result = spawnSync('python3', args, {stdio: 'inherit'});
process.exit(result.status ?? 1);
