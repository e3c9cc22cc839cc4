// The scheduler on an injected clock: every fire is a row, claimed once, computed
// from the stored last due time, with the payload AWS sends and the missed-fire
// policy after downtime. Targets: the fixture's state machine runs on the real
// engine; its function is a recording stand-in for the Lambda service.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {RealClock} from '../../source/engine/clock.js';
import {Engine} from '../../source/engine/engine.js';
import {listSchedules, Scheduler, type SchedulerTimer} from '../../source/events/scheduler/index.js';
import type {InvokeInput, InvokeResult} from '../../source/functions/index.js';
import {loadProject} from '../../source/project/loadProject.js';
import type {Project, ScheduleConfig} from '../../source/project/model.js';
import {openDatabase, type Db} from '../../source/store/database.js';
import {ExecutionStore} from '../../source/store/executions.js';
import {FireStatus, ScheduleStore, type ScheduleFireRow} from '../../source/store/schedules.js';

const fixture = loadProject(resolve('fixtures/templates/schedules/template.yaml'));
const HOURLY = 'TickFunction/Hourly';
const NOON = 'ReportMachine/NoonInParis';
const RULE_ARN = 'arn:aws:events:us-east-1:123456789012:rule/schedules-TickFunctionHourly';
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:TickFunction';
const SCHEDULE_ARN = 'arn:aws:scheduler:us-east-1:123456789012:schedule/default/ReportMachineNoonInParis';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

interface Harness {
	scheduler: Scheduler;
	db: Db;
	engine: Engine;
	executions: ExecutionStore;
	invocations: InvokeInput[];
	setNow(value: string | number): void;
	/** Moves the clock and runs one pass. */
	tickAt(value: string): Promise<ScheduleFireRow[]>;
	timer: ManualTimer;
	logs: string[];
	/** Lets running executions finish and their history land, then closes the database (a kill, for the scheduler). */
	close(): Promise<void>;
}

class ManualTimer implements SchedulerTimer {
	armed?: {callback: () => void; delayMs: number};
	set(callback: () => void, delayMs: number): unknown {
		this.armed = {callback, delayMs};
		return this.armed;
	}
	clear(handle: unknown): void {
		if (this.armed === handle) this.armed = undefined;
	}
}

function harness(options: {project?: Project; db?: Db; now: string; invoke?: (input: InvokeInput) => Promise<InvokeResult>; owner?: string}): Harness {
	const project = options.project ?? fixture;
	const db = options.db ?? openDatabase(':memory:');
	const executions = new ExecutionStore(db);
	const engine = new Engine({store: executions, clock: new RealClock(), region: project.region, accountId: project.accountId});
	const invocations: InvokeInput[] = [];
	const invoke =
		options.invoke ??
		(async (input: InvokeInput): Promise<InvokeResult> => ({statusCode: 202, payload: Buffer.alloc(0), executedVersion: '$LATEST', requestId: `request-${invocations.length}`}));
	let now = at(options.now);
	const timer = new ManualTimer();
	const logs: string[] = [];
	const scheduler = new Scheduler({
		project,
		db,
		engine,
		functions: () => ({
			invoke: input => {
				invocations.push(input);
				return invoke(input);
			},
		}),
		now: () => now,
		timer,
		maxSleepMs: 24 * 3_600_000,
		owner: options.owner,
		log: line => logs.push(line),
	});
	const setNow = (value: string | number) => (now = typeof value === 'number' ? value : at(value));
	return {
		scheduler,
		db,
		engine,
		executions,
		invocations,
		setNow,
		async tickAt(value) {
			setNow(value);
			return scheduler.tick();
		},
		timer,
		logs,
		async close() {
			await engine.idle();
			engine.flush();
			db.close();
		},
	};
}

function summary(rows: ScheduleFireRow[]): string[] {
	return rows.map(row => `${row.schedule} ${iso(row.dueAt)} ${row.status}`);
}

test('a rate schedule fires once per due time, each fire a row, the function getting the Scheduled Event', async () => {
	const h = harness({now: '2025-01-15T09:59:00Z'});
	h.scheduler.start();
	assert.deepEqual(await h.scheduler.tick(), [], 'nothing is due yet');
	// The timer sleeps until the next due time, 10:00.
	assert.equal(h.timer.armed?.delayMs, 60_000);

	const fired = await h.tickAt('2025-01-15T10:00:00Z');
	assert.deepEqual(summary(fired), [`${HOURLY} 2025-01-15T10:00:00.000Z ok`]);
	assert.equal(fired[0].firedAt, at('2025-01-15T10:00:00Z'));
	assert.equal(fired[0].target, 'arn:aws:lambda:us-east-1:123456789012:function:TickFunction');
	assert.equal(fired[0].requestId, 'request-1');
	assert.equal(fired[0].executionArn, null);

	assert.equal(h.invocations.length, 1);
	const [invocation] = h.invocations;
	assert.equal(invocation.invocationType, 'Event', 'EventBridge invokes Lambda asynchronously');
	assert.equal(invocation.functionName, 'arn:aws:lambda:us-east-1:123456789012:function:TickFunction');
	const event = JSON.parse(String(invocation.payload));
	assert.deepEqual(Object.keys(event), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
	assert.match(event.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
	assert.deepEqual({...event, id: 'x'}, {
		'version': '0',
		'id': 'x',
		'detail-type': 'Scheduled Event',
		'source': 'aws.events',
		'account': '123456789012',
		'time': '2025-01-15T10:00:00Z',
		'region': 'us-east-1',
		'resources': [RULE_ARN],
		'detail': {},
	});

	assert.deepEqual(await h.tickAt('2025-01-15T10:59:59.999Z'), []);
	assert.deepEqual(summary(await h.tickAt('2025-01-15T11:00:00.000Z')).filter(line => line.startsWith(HOURLY)), [`${HOURLY} 2025-01-15T11:00:00.000Z ok`]);
	assert.deepEqual(await h.tickAt('2025-01-15T11:00:30Z'), [], 'a due time fires once, however often the scheduler looks');

	const rows = new ScheduleStore(h.db).fires({schedule: HOURLY});
	assert.deepEqual(summary(rows), [`${HOURLY} 2025-01-15T10:00:00.000Z ok`, `${HOURLY} 2025-01-15T11:00:00.000Z ok`]);
	assert.equal(h.invocations.length, 2);
	await h.scheduler.stop();
	assert.equal(h.timer.armed, undefined, 'stop clears the timer');
});

test('a cron in a time zone fires at the local wall time, across a DST change, starting the state machine with its Input', async () => {
	// Paris goes from CET (UTC+1) to CEST (UTC+2) at 02:00 on Sunday 30 March 2025:
	// noon is 11:00Z on the Saturday and 10:00Z on the Sunday.
	const h = harness({now: '2025-03-29T00:00:00Z'});
	await h.scheduler.tick();
	assert.equal(h.scheduler.nextDue(NOON), at('2025-03-29T11:00:00Z'));
	assert.deepEqual(await h.tickAt('2025-03-29T10:59:59.999Z').then(rows => rows.filter(row => row.schedule === NOON)), []);
	const saturday = (await h.tickAt('2025-03-29T11:00:00Z')).filter(row => row.schedule === NOON);
	assert.deepEqual(summary(saturday), [`${NOON} 2025-03-29T11:00:00.000Z ok`]);
	assert.equal(h.scheduler.nextDue(NOON), at('2025-03-30T10:00:00Z'));
	assert.deepEqual((await h.tickAt('2025-03-30T09:59:59.999Z')).filter(row => row.schedule === NOON), []);
	const sunday = (await h.tickAt('2025-03-30T10:00:00Z')).filter(row => row.schedule === NOON);
	assert.deepEqual(summary(sunday), [`${NOON} 2025-03-30T10:00:00.000Z ok`]);

	// EventBridge Scheduler sends the Input, context attributes filled in; the engine runs it.
	const result = await h.engine.waitFor(sunday[0].executionArn!);
	assert.equal(result.status, 'SUCCEEDED');
	assert.deepEqual(result.input, {report: 'daily', scheduledTime: '2025-03-30T10:00:00Z', schedule: SCHEDULE_ARN});
	assert.deepEqual(result.output, {kind: 'daily', for: '2025-03-30T10:00:00Z'});
	assert.equal(h.executions.get(sunday[0].executionArn!)?.stateMachineArn, 'arn:aws:states:us-east-1:123456789012:stateMachine:ReportMachine');
	assert.equal(h.invocations.filter(i => String(i.payload).includes('report')).length, 0, 'the function never gets the machine\'s input');
});

test('a restart continues from the stored last due time: a fired due time never fires again, one passed while down fires once', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'stratus-scheduler-'));
	const path = join(dir, 'stratus.db');

	const first = harness({db: openDatabase(path), now: '2025-01-15T09:30:00Z'});
	await first.scheduler.tick();
	assert.deepEqual(summary((await first.tickAt('2025-01-15T10:00:00Z')).filter(row => row.schedule === HOURLY)), [`${HOURLY} 2025-01-15T10:00:00.000Z ok`]);
	await first.close(); // killed

	// Back within the same hour: 10:00 is already recorded.
	const second = harness({db: openDatabase(path), now: '2025-01-15T10:20:00Z'});
	assert.deepEqual(await second.scheduler.tick(), []);
	assert.equal(second.scheduler.nextDue(HOURLY), at('2025-01-15T11:00:00Z'));
	await second.close(); // killed again, before 11:00

	// Back at 11:25: 11:00 passed while down and fires now, late, as 11:00.
	const third = harness({db: openDatabase(path), now: '2025-01-15T11:25:00Z'});
	const late = (await third.scheduler.tick()).filter(row => row.schedule === HOURLY);
	assert.deepEqual(summary(late), [`${HOURLY} 2025-01-15T11:00:00.000Z ok`]);
	assert.equal(late[0].firedAt, at('2025-01-15T11:25:00Z'));
	assert.equal(JSON.parse(String(third.invocations[0].payload)).time, '2025-01-15T11:00:00Z', 'the late event still carries its due time');
	assert.deepEqual(await third.tickAt('2025-01-15T11:59:00Z'), []);

	const rows = new ScheduleStore(third.db).fires({schedule: HOURLY});
	assert.deepEqual(summary(rows), [`${HOURLY} 2025-01-15T10:00:00.000Z ok`, `${HOURLY} 2025-01-15T11:00:00.000Z ok`]);
	await third.close();
});

test('after downtime only the latest missed due time fires, if younger than the maximum event age; the rest are recorded as missed', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'stratus-scheduler-'));
	const path = join(dir, 'stratus.db');
	const first = harness({db: openDatabase(path), now: '2025-01-15T09:00:00Z'});
	await first.scheduler.tick();
	await first.close();

	// Down for three days. Noon in Paris (MaximumEventAgeInSeconds 3600) was due at 11:00Z
	// on the 15th, 16th, 17th and 18th; the last is 30 minutes old: it fires.
	const second = harness({db: openDatabase(path), now: '2025-01-18T11:30:00Z'});
	const recorded = await second.scheduler.tick();
	const noon = recorded.filter(row => row.schedule === NOON);
	assert.deepEqual(summary(noon), [
		`${NOON} 2025-01-15T11:00:00.000Z missed`,
		`${NOON} 2025-01-16T11:00:00.000Z missed`,
		`${NOON} 2025-01-17T11:00:00.000Z missed`,
		`${NOON} 2025-01-18T11:00:00.000Z ok`,
	]);
	assert.match(noon[0].error!, /only the latest missed fire \(2025-01-18T11:00:00Z\) was sent/);
	assert.equal(noon[0].firedAt, null);
	const hourly = recorded.filter(row => row.schedule === HOURLY);
	assert.equal(hourly.length, 74, 'every hour from 10:00 on the 15th to 11:00 on the 18th');
	assert.deepEqual(summary(hourly.filter(row => row.status !== FireStatus.Missed)), [`${HOURLY} 2025-01-18T11:00:00.000Z ok`]);
	assert.equal(second.invocations.length, 1, 'no storm of catch-up fires');
	assert.equal(second.executions.list().length, 1, 'one execution for noon on the 18th');
	await second.close();

	// Down again for two days: the latest noon is 90 minutes old, past its one-hour age: nothing fires.
	const third = harness({db: openDatabase(path), now: '2025-01-20T12:30:00Z'});
	const again = (await third.scheduler.tick()).filter(row => row.schedule === NOON);
	assert.deepEqual(summary(again), [`${NOON} 2025-01-19T11:00:00.000Z missed`, `${NOON} 2025-01-20T11:00:00.000Z missed`]);
	assert.match(again[1].error!, /older than the maximum event age \(3600 s\)/);
	assert.equal(third.executions.list().length, 1, 'no execution beyond the one of the 18th');
	// The hourly rule keeps AWS's default 24 hours: its 12:00 (30 minutes old) fires.
	assert.equal(third.invocations.length, 1);
	assert.equal(JSON.parse(String(third.invocations[0].payload)).time, '2025-01-20T12:00:00Z');
	await third.close();
});

test('a very long downtime lists the 100 latest missed due times and counts the others', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'stratus-scheduler-'));
	const path = join(dir, 'stratus.db');
	const first = harness({db: openDatabase(path), now: '2025-01-01T00:30:00Z'});
	await first.scheduler.tick();
	await first.close();
	// 30 days of an hourly rate: 720 due times, 01:00 on the 1st to 00:00 on the 31st.
	const second = harness({db: openDatabase(path), now: '2025-01-31T00:10:00Z'});
	const hourly = (await second.scheduler.tick()).filter(row => row.schedule === HOURLY);
	const missed = hourly.filter(row => row.status === FireStatus.Missed);
	assert.equal(missed.length, 100);
	assert.equal(iso(missed[0].dueAt), '2025-01-26T20:00:00.000Z');
	assert.match(missed[0].error!, /so were 619 earlier due times, not listed/);
	assert.deepEqual(summary(hourly.filter(row => row.status === FireStatus.Ok)), [`${HOURLY} 2025-01-31T00:00:00.000Z ok`]);
	await second.close();
});

test('two engines on one database fire each due time once', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'stratus-scheduler-'));
	const path = join(dir, 'stratus.db');
	const a = harness({db: openDatabase(path), now: '2025-01-15T09:59:00Z', owner: '1@a'});
	const b = harness({db: openDatabase(path), now: '2025-01-15T09:59:00Z', owner: '2@b'});
	await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
	const [fromA, fromB] = await Promise.all([a.tickAt('2025-01-15T11:00:00Z'), b.tickAt('2025-01-15T11:00:00Z')]);
	// 10:00 passed unseen by both (a missed row) and 11:00 fired; noon in Paris fired at 11:00Z.
	const fired = [...fromA, ...fromB].filter(row => row.status === FireStatus.Ok);
	assert.deepEqual(summary(fired).sort(), [`${NOON} 2025-01-15T11:00:00.000Z ok`, `${HOURLY} 2025-01-15T11:00:00.000Z ok`]);
	assert.equal(a.invocations.length + b.invocations.length, 1);
	assert.equal(a.executions.list().length, 1);
	const rows = new ScheduleStore(a.db).fires();
	assert.equal(rows.length, 3);
	assert.equal(new Set(rows.map(row => `${row.schedule}@${row.dueAt}`)).size, 3);
	await a.close();
	await b.close();
});

test('a claim is the unique row: the engine that loses the race never calls the target, and a claim that fails leaves nothing', () => {
	const dir = mkdtempSync(join(tmpdir(), 'stratus-scheduler-'));
	const path = join(dir, 'stratus.db');
	const one = new ScheduleStore(openDatabase(path));
	const two = new ScheduleStore(openDatabase(path));
	const fire = {schedule: HOURLY, dueAt: at('2025-01-15T10:00:00Z'), target: FUNCTION_ARN, firedAt: at('2025-01-15T10:00:00Z')};
	const calls: string[] = [];
	const won = one.claim({...fire, owner: '1@a'}, () => (calls.push('one'), {outcome: {status: FireStatus.Ok, requestId: 'r1'}}));
	const lost = two.claim({...fire, owner: '2@b'}, () => (calls.push('two'), {outcome: {status: FireStatus.Ok, requestId: 'r2'}}));
	assert.equal(won.claimed, true);
	assert.equal(lost.claimed, false);
	assert.deepEqual(calls, ['one']);
	assert.equal(two.fires()[0].requestId, 'r1');

	// A claim whose transaction does not complete (the process dies in it) leaves neither
	// the fire nor what the target call wrote, so the next engine fires that due time.
	const executions = new ExecutionStore(two.db);
	const next = {...fire, dueAt: at('2025-01-15T11:00:00Z'), owner: '2@b'};
	assert.throws(() =>
		two.claim(next, () => {
			executions.insertExecution({arn: 'arn:aws:states:us-east-1:123456789012:execution:ReportMachine:x', name: 'x', stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:ReportMachine', type: 'STANDARD', status: 'RUNNING', input: '{}', startDate: 0, definition: '{}'});
			throw new Error('killed mid-fire');
		}),
	);
	assert.equal(one.fires().length, 1);
	assert.equal(new ExecutionStore(one.db).list().length, 0);
	assert.equal(one.claim(next, () => ({outcome: {status: FireStatus.Ok}})).claimed, true);
	one.db.close();
	two.db.close();
});

/** A project of the fixture's machine and function with the given schedules instead of its own. */
function projectWith(schedules: ScheduleConfig[]): Project {
	return {...fixture, templatePath: undefined, schedules};
}

test('rule targets: Input replaces the event, InputPath selects from it; failures are recorded as error fires', async () => {
	const base = {expression: 'rate(5 minutes)', timezone: 'UTC', enabled: true, target: FUNCTION_ARN};
	const project = projectWith([
		{...base, name: 'Constant', input: '{"fixed": [1, 2]}'},
		{...base, name: 'Detail', inputPath: '$.detail'},
		{...base, name: 'Time', inputPath: '$.time'},
		{...base, name: 'Nowhere', inputPath: '$.nothing'},
		{...base, name: 'NotJson', input: '{oops'},
		{...base, name: 'Alias', target: `${FUNCTION_ARN}:live`},
		{...base, name: 'Stranger', target: 'arn:aws:lambda:us-east-1:123456789012:function:Elsewhere'},
	]);
	const h = harness({
		project,
		now: '2025-01-15T09:58:00Z',
		invoke: async input =>
			String(input.functionName).endsWith(':live')
				? Promise.reject(Object.assign(new Error('Function not found: arn:aws:lambda:us-east-1:123456789012:function:TickFunction:live'), {code: 'ResourceNotFoundException'}))
				: {statusCode: 202, payload: Buffer.alloc(0), executedVersion: '$LATEST', requestId: 'r'},
	});
	await h.scheduler.tick();
	const rows = await h.tickAt('2025-01-15T10:00:00Z');
	const byName = new Map(rows.map(row => [row.schedule, row]));
	const payloadOf = (name: string) => {
		const index = rows.filter(row => row.status === FireStatus.Ok || row.schedule === 'Alias').findIndex(row => row.schedule === name);
		return JSON.parse(String(h.invocations[index].payload));
	};
	assert.deepEqual(payloadOf('Constant'), {fixed: [1, 2]});
	assert.deepEqual(payloadOf('Detail'), {});
	assert.equal(payloadOf('Time'), '2025-01-15T10:00:00Z');
	assert.equal(byName.get('Nowhere')?.status, FireStatus.Error);
	assert.match(byName.get('Nowhere')!.error!, /InputPath '\$\.nothing' matches nothing/);
	assert.equal(byName.get('NotJson')?.status, FireStatus.Error);
	assert.match(byName.get('NotJson')!.error!, /well-formed JSON/);
	assert.equal(byName.get('Alias')?.status, FireStatus.Error);
	assert.equal(byName.get('Alias')!.error, 'ResourceNotFoundException: Function not found: arn:aws:lambda:us-east-1:123456789012:function:TickFunction:live');
	assert.equal(h.invocations.find(i => String(i.functionName).endsWith(':live'))?.invocationType, 'Event', 'an alias-qualified ARN is invoked as given');
	assert.equal(byName.get('Stranger')?.status, FireStatus.Error);
	assert.match(byName.get('Stranger')!.error!, /not a function or state machine of this project/);
	// An error fire is still a fire: the due time is not retried.
	assert.deepEqual((await h.tickAt('2025-01-15T10:01:00Z')).length, 0);
});

test('disabled schedules never fire; edited or re-enabled ones count from then, without catching up', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'stratus-scheduler-'));
	const path = join(dir, 'stratus.db');
	const schedule: ScheduleConfig = {name: 'Pulse', expression: 'rate(10 minutes)', timezone: 'UTC', enabled: false, target: FUNCTION_ARN};
	const off = harness({project: projectWith([schedule]), db: openDatabase(path), now: '2025-01-15T09:00:00Z'});
	assert.deepEqual(await off.tickAt('2025-01-15T12:00:00Z'), []);
	assert.equal(off.scheduler.nextDue('Pulse'), undefined);
	await off.close();

	const on = harness({project: projectWith([{...schedule, enabled: true}]), db: openDatabase(path), now: '2025-01-15T12:05:00Z'});
	assert.deepEqual(await on.scheduler.tick(), [], 'the hours it was disabled are not caught up');
	assert.deepEqual(summary(await on.tickAt('2025-01-15T12:10:00Z')), ['Pulse 2025-01-15T12:10:00.000Z ok']);
	await on.close();

	// Its expression changed while stratus was down: the new one counts from the restart.
	const edited = harness({project: projectWith([{...schedule, enabled: true, expression: 'rate(30 minutes)'}]), db: openDatabase(path), now: '2025-01-15T14:45:00Z'});
	assert.deepEqual(await edited.scheduler.tick(), []);
	assert.equal(edited.scheduler.nextDue('Pulse'), at('2025-01-15T15:00:00Z'));
	await edited.close();
});

test('a schedule that cannot run is reported and skipped; the others still fire', async () => {
	const project = projectWith([
		{name: 'Broken', expression: 'cron(0 25 * * ? *)', timezone: 'UTC', enabled: true, target: FUNCTION_ARN},
		{name: 'Zoned', expression: 'rate(1 hour)', timezone: 'Mars/Olympus', enabled: true, target: FUNCTION_ARN},
		{name: 'Fine', expression: 'rate(1 hour)', timezone: 'UTC', enabled: true, target: FUNCTION_ARN},
	]);
	const h = harness({project, now: '2025-01-15T09:30:00Z'});
	await h.scheduler.tick();
	assert.equal(h.logs.length, 2);
	assert.match(h.logs[0], /^schedule Broken does not run: cron\(0 25 \* \* \? \*\)/);
	assert.match(h.logs[1], /^schedule Zoned does not run: .*Mars\/Olympus/);
	assert.deepEqual(summary(await h.tickAt('2025-01-15T10:00:00Z')), ['Fine 2025-01-15T10:00:00.000Z ok']);
});

test('a fire left firing by a dead engine is settled as sent: its event was queued with the claim', async () => {
	const h = harness({project: projectWith([]), now: '2025-01-15T10:00:00Z'});
	const store = new ScheduleStore(h.db);
	// No process has pid 2^22 + 1 (above Linux's pid_max default).
	const claim = store.claim({schedule: 'Gone', dueAt: at('2025-01-15T09:00:00Z'), target: FUNCTION_ARN, firedAt: at('2025-01-15T09:00:01Z'), owner: `4194305@${(await import('node:os')).hostname()}`}, () => ({pending: new Promise(() => {})}));
	assert.ok(claim.claimed);
	assert.equal(store.firing().length, 1);
	await h.scheduler.tick();
	assert.equal(store.firing().length, 0);
	assert.equal(store.get(claim.id)?.status, FireStatus.Ok);
});

test('the listing shows each schedule\'s next fire from now and its last fire from the table', async () => {
	const h = harness({now: '2025-07-15T09:15:00Z'});
	await h.scheduler.tick();
	await h.tickAt('2025-07-15T10:00:00Z');
	const store = new ScheduleStore(h.db);
	const listing = listSchedules(fixture, store.lastFires(), at('2025-07-15T10:20:00Z'));
	assert.deepEqual(
		listing.map(({name, expression, timezone, target, nextFire, lastFire}) => ({name, expression, timezone, target, nextFire, lastFire})),
		[
			{name: HOURLY, expression: 'rate(1 hour)', timezone: 'UTC', target: FUNCTION_ARN, nextFire: '2025-07-15T11:00:00.000Z', lastFire: '2025-07-15T10:00:00.000Z'},
			{
				name: NOON,
				expression: 'cron(0 12 * * ? *)',
				timezone: 'Europe/Paris',
				target: 'arn:aws:states:us-east-1:123456789012:stateMachine:ReportMachine',
				nextFire: '2025-07-16T10:00:00.000Z',
				lastFire: '2025-07-15T10:00:00.000Z',
			},
		],
	);
	await h.engine.idle();
});
