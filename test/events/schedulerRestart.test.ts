// Real `stratus serve` processes and the fixture's schedules (an hourly rule on a
// function, noon in Paris on a state machine). STRATUS_CLOCK_OFFSET_MS (test only)
// puts each process's scheduler just before or after a due time D, so the test
// waits seconds, not hours:
// - kill -9 the engine before D, start one after D: the fire happens once (late,
//   carrying D), and a third engine after it fires nothing more;
// - two engines running across D on one database: one fire.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ChildProcess} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import Database from 'better-sqlite3';
import {nextFire, parseScheduleExpression} from '../../source/events/schedule/index.js';
import {json, spawnStratus, stratus, tempDir, waitFor} from '../helpers/cli.js';

const template = resolve('fixtures/templates/schedules/template.yaml');
const NOON = 'ReportMachine/NoonInParis';
const HOURLY = 'TickFunction/Hourly';

/** The next noon in Paris at least a day away: both fixture schedules are due then. */
function dueTime(): number {
	return nextFire(parseScheduleExpression('cron(0 12 * * ? *)'), new Date(Date.now() + 86_400_000), 'Europe/Paris')!.getTime();
}

const awsTime = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

interface Process {
	child: ChildProcess;
	stdout: () => string;
	stderr: () => string;
	exited: Promise<number | null>;
}

/** Runs the CLI with its scheduler's clock reading `schedulerNow` at spawn time. */
function run(args: string[], schedulerNow: number): Process {
	const child = spawnStratus(args, {env: {STRATUS_CLOCK_OFFSET_MS: String(schedulerNow - Date.now())}});
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', chunk => (stdout += chunk));
	child.stderr!.on('data', chunk => (stderr += chunk));
	const exited = new Promise<number | null>(done => child.once('exit', code => done(code)));
	return {child, stdout: () => stdout, stderr: () => stderr, exited};
}

function serve(db: string, eventsFile: string, schedulerNow: number): Process {
	return run(['serve', '--template', template, '--db', db, '--parameter-overrides', `EventsFile=${eventsFile}`], schedulerNow);
}

async function kill(p: Process, signal: NodeJS.Signals): Promise<number | null> {
	p.child.kill(signal);
	return p.exited;
}

function reader(db: string) {
	const connection = new Database(db, {readonly: true});
	return {
		count: (sql: string) => connection.prepare(sql).pluck().get() as number,
		all: <T>(sql: string) => connection.prepare(sql).all() as T[],
		close: () => connection.close(),
	};
}

/** A count from a database another process may still be creating (0 until its tables exist). */
function countOnce(db: string, sql: string): number {
	if (!existsSync(db)) return 0;
	const check = reader(db);
	try {
		return check.count(sql);
	} catch {
		return 0;
	} finally {
		check.close();
	}
}

function lines(file: string): string[] {
	return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

test('kill -9 before a due time, restart after it: the fire happens once, and never again', {timeout: 60_000}, async () => {
	const dir = tempDir();
	const db = join(dir, 'stratus.db');
	const eventsFile = join(dir, 'events.jsonl');
	const due = dueTime();

	// A: a minute before D. It starts watching the schedules, then dies without a word.
	const a = serve(db, eventsFile, due - 60_000);
	await waitFor(() => countOnce(db, 'SELECT count(*) FROM schedule_cursors') === 2, 15_000, 'engine A to watch the schedules');
	await kill(a, 'SIGKILL');
	const afterA = reader(db);
	assert.equal(afterA.count('SELECT count(*) FROM schedule_fires'), 0, 'nothing was due while A ran');
	afterA.close();

	// A tail from another process follows the fires as they are recorded.
	const tail = run(['schedules', '--tail', '--json', '--db', db, '--template', template], due);

	// B: five seconds after D. D passed while no engine ran, is younger than either
	// schedule's maximum event age, and fires now.
	const b = serve(db, eventsFile, due + 5_000);
	const db1 = reader(db);
	await waitFor(() => db1.count(`SELECT count(*) FROM schedule_fires WHERE status = 'ok'`) === 2, 15_000, 'engine B to fire D');
	await waitFor(() => lines(eventsFile).length === 1, 15_000, 'the function to receive its event');
	await waitFor(() => db1.count(`SELECT count(*) FROM executions WHERE status = 'SUCCEEDED'`) === 1, 15_000, 'the execution to finish');
	await waitFor(() => tail.stdout().split('\n').filter(Boolean).length === 2, 10_000, 'the tail to print both fires');
	await kill(b, 'SIGKILL');

	// C: after the fire. D is recorded, so C fires nothing.
	const c = serve(db, eventsFile, due + 10_000);
	await waitFor(() => c.stderr().includes('serving'), 15_000, 'engine C to start');
	await new Promise(r => setTimeout(r, 1_500));

	const fires = db1.all<{schedule: string; due_at: number; status: string; execution_arn: string | null; request_id: string | null}>(
		'SELECT schedule, due_at, status, execution_arn, request_id FROM schedule_fires ORDER BY schedule',
	);
	assert.deepEqual(
		fires.map(f => [f.schedule, f.due_at, f.status]),
		[
			[NOON, due, 'ok'],
			[HOURLY, due, 'ok'],
		],
	);
	const executions = db1.all<{arn: string; input: string; output: string}>('SELECT arn, input, output FROM executions');
	assert.equal(executions.length, 1, 'one execution');
	assert.equal(executions[0].arn, fires[0].execution_arn);
	assert.deepEqual(JSON.parse(executions[0].input), {
		report: 'daily',
		scheduledTime: awsTime(due),
		schedule: 'arn:aws:scheduler:us-east-1:123456789012:schedule/default/ReportMachineNoonInParis',
	});
	assert.match(fires[1].request_id ?? '', /^[0-9a-f-]{36}$/);
	const events = lines(eventsFile).map(line => JSON.parse(line));
	assert.equal(events.length, 1, 'the function ran once');
	assert.equal(events[0]['detail-type'], 'Scheduled Event');
	assert.equal(events[0].time, awsTime(due), 'the late event carries its due time');
	assert.deepEqual(events[0].resources, ['arn:aws:events:us-east-1:123456789012:rule/schedules-TickFunctionHourly']);
	db1.close();

	const tailed = tail.stdout().split('\n').filter(Boolean).map(line => JSON.parse(line));
	assert.deepEqual(tailed.map(f => [f.name, f.due, f.status]).sort(), [
		[NOON, new Date(due).toISOString(), 'ok'],
		[HOURLY, new Date(due).toISOString(), 'ok'],
	]);
	assert.equal(tailed.find(f => f.name === NOON).executionArn, executions[0].arn);
	assert.equal(await kill(tail, 'SIGINT'), 0, 'the tail ends cleanly when interrupted');

	// The listing reads its last fires from the table.
	const listed = json<Array<{name: string; nextFire: string | null; lastFire: string | null}>>(
		stratus(['schedules', '--json', '--template', template, '--db', db], {env: {STRATUS_CLOCK_OFFSET_MS: String(due + 10_000 - Date.now())}}),
	);
	assert.deepEqual(
		listed.map(s => [s.name, s.lastFire, s.nextFire]),
		[
			[HOURLY, new Date(due).toISOString(), new Date(due + 3_600_000).toISOString()],
			[NOON, new Date(due).toISOString(), nextFire(parseScheduleExpression('cron(0 12 * * ? *)'), new Date(due), 'Europe/Paris')!.toISOString()],
		],
	);
	assert.equal(await kill(c, 'SIGINT'), 0);
});

test('two engines on one database, running across a due time, fire it once', {timeout: 60_000}, async () => {
	const dir = tempDir();
	const db = join(dir, 'stratus.db');
	const eventsFile = join(dir, 'events.jsonl');
	// An hour after a noon in Paris: only the hourly schedule is due.
	const due = dueTime() + 3_600_000;
	const engines = [serve(db, eventsFile, due - 4_000), serve(db, eventsFile, due - 4_000)];
	await waitFor(() => lines(eventsFile).length >= 1, 20_000, 'the hourly fire to reach the function');
	// Time for a second fire, if there were one, to show.
	await new Promise(r => setTimeout(r, 1_500));
	const check = reader(db);
	assert.deepEqual(
		check.all<{schedule: string; due_at: number; status: string}>('SELECT schedule, due_at, status FROM schedule_fires').map(f => [f.schedule, f.due_at, f.status]),
		[[HOURLY, due, 'ok']],
	);
	check.close();
	assert.equal(lines(eventsFile).length, 1);
	for (const engine of engines) assert.equal(await kill(engine, 'SIGINT'), 0, engine.stderr());
});
