/**
 * `stratus schedules`: the project's schedules with their next fires, or, with
 * `--next EXPRESSION`, the next fire instants of any expression (to check a cron
 * before deploying it).
 */
import type {Argv} from 'yargs';
import {describeSchedule, nextFire, nextFires, parseScheduleExpression, ScheduleExpressionError} from '../events/schedule/index.js';
import {BadInput} from '../workspace/badInput.js';
import {loadWorkspaceProject} from '../workspace/workspace.js';
import {printJson, workspaceOptions, type GlobalArgs} from './globalOptions.js';
import {renderTable} from './render.js';

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
				.option('tail', {type: 'boolean', describe: 'stream fires as they happen'})
				.option('json', {type: 'boolean'}) as Argv<SchedulesArgs>,
		async args => {
			if (args.next !== undefined) return printNext(args);
			const {project} = loadWorkspaceProject(workspaceOptions(args));
			const now = new Date();
			const rows = project.schedules.map(s => {
				let next: string | null = null;
				let description = '';
				try {
					const expr = parseScheduleExpression(s.expression);
					description = describeSchedule(expr);
					next = s.enabled ? (nextFire(expr, now, s.timezone)?.toISOString() ?? null) : null;
				} catch (e) {
					description = (e as Error).message;
				}
				return {name: s.name, expression: s.expression, timezone: s.timezone, target: s.target, nextFire: next, lastFire: null, description};
			});
			if (args.json) printJson(rows.map(({description: _, ...r}) => r));
			else process.stdout.write(renderTable(rows, ['name', 'expression', 'timezone', 'nextFire', 'description']));
		},
	);
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
