/**
 * `stratus schedules`: the project's schedules with their next and last fires;
 * `--tail` follows fires as the running engine records them (one line each, one
 * JSON object per line with `--json`) until interrupted; `--next EXPRESSION`
 * computes the next fire instants of any expression (to check a cron before
 * deploying it).
 */
import {existsSync} from 'node:fs';
import type {Argv} from 'yargs';
import {fireLine, fireRecord, listSchedules, schedulerNow, tailFires} from '../events/scheduler/index.js';
import {nextFires, parseScheduleExpression, ScheduleExpressionError} from '../events/schedule/index.js';
import {openDatabase} from '../store/database.js';
import {ScheduleStore} from '../store/schedules.js';
import {BadInput} from '../workspace/badInput.js';
import {loadWorkspaceProject} from '../workspace/workspace.js';
import {resolvePaths} from '../workspace/paths.js';
import {printJson, workspaceOptions, type GlobalArgs} from './globalOptions.js';
import {renderTable} from './render.js';

const TAIL_BACKLOG = 10;

interface SchedulesArgs extends GlobalArgs {
	next?: string;
	tz?: string;
	from?: string;
	count?: number;
	tail?: boolean;
	json?: boolean;
}

export function schedulesCommand(yargs: Argv): void {
	yargs.command<SchedulesArgs>(
		'schedules',
		'List schedules and their next fires, or compute the next fires of an expression',
		y =>
			y
				.option('next', {type: 'string', describe: 'an expression: rate(...), cron(...) or at(...)'})
				.option('tz', {type: 'string', describe: 'IANA time zone for --next (default UTC)'})
				.option('from', {type: 'string', describe: 'ISO instant to count from (default now)'})
				.option('count', {type: 'number', default: 5, describe: 'how many fires with --next'})
				.option('tail', {type: 'boolean', describe: 'the last ten fires, then each fire as it happens'})
				.option('json', {type: 'boolean'}) as Argv<SchedulesArgs>,
		async args => {
			if (args.next !== undefined) return printNext(args);
			if (args.tail) return tail(args);
			const {paths, project} = loadWorkspaceProject(workspaceOptions(args));
			// A project never served has no fires yet: listing it must not create a database.
			let lastFires = new Map<string, number>();
			if (existsSync(paths.db)) {
				const db = openDatabase(paths.db);
				lastFires = new ScheduleStore(db).lastFires();
				db.close();
			}
			const rows = listSchedules(project, lastFires, schedulerNow(Date.now)());
			if (args.json) printJson(rows.map(({name, expression, timezone, target, nextFire, lastFire}) => ({name, expression, timezone, target, nextFire, lastFire})));
			else process.stdout.write(renderTable(rows.map(row => ({...row})), ['name', 'expression', 'timezone', 'nextFire', 'lastFire', 'description']));
		},
	);
}

/** Follows fires until SIGINT/SIGTERM; exits 0 then. */
async function tail(args: SchedulesArgs): Promise<void> {
	const paths = resolvePaths(workspaceOptions(args), false);
	const db = openDatabase(paths.db);
	const store = new ScheduleStore(db);
	const controller = new AbortController();
	const stop = () => controller.abort();
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	await tailFires(store, fire => process.stdout.write((args.json ? JSON.stringify(fireRecord(fire)) : fireLine(fire)) + '\n'), {
		signal: controller.signal,
		// Like tail -f: the last few fires first, so a tail started a moment late misses nothing.
		afterId: Math.max(0, store.maxId() - TAIL_BACKLOG),
	});
	db.close();
}

function printNext(args: SchedulesArgs): void {
	const count = args.count ?? 5;
	if (!Number.isInteger(count) || count < 1 || count > 1000) throw new BadInput('--count: must be an integer from 1 to 1000');
	const from = args.from === undefined ? new Date() : new Date(args.from);
	if (Number.isNaN(from.getTime())) throw new BadInput(`--from: '${args.from}' is not an ISO-8601 instant`);
	let fires: Date[];
	try {
		fires = nextFires(parseScheduleExpression(args.next!), from, count, args.tz ?? 'UTC');
	} catch (e) {
		if (e instanceof ScheduleExpressionError || e instanceof RangeError) throw new BadInput(`--next: ${e.message}`, {cause: e});
		throw e;
	}
	const out = fires.map(d => d.toISOString());
	if (args.json) printJson(out);
	else process.stdout.write(out.join('\n') + '\n');
}
