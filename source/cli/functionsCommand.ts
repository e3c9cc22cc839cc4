/**
 * `stratus functions`: the template's functions with what their invocations cost,
 * the headless form of the workbench's function list. Per function: its runtime and
 * limits, then invocations, errors, timeouts, p50/p95 duration, billed duration and
 * the estimated cost in USD (billed per millisecond, init included, as AWS bills
 * today), beside what the same invocations cost under the 100 ms rounding Lambda used
 * before December 2020. Both at `--prices`, or AWS's us-east-1 on-demand list.
 *
 *   --json -> [{"name","runtime","architecture","memorySize","timeout","reservedConcurrency",
 *              "invocations","errors","timeouts","p50DurationMs","p95DurationMs",
 *              "billedDurationMs","cost","costAt100msRounding","lastInvoked"}]
 */
import type {Argv} from 'yargs';
import {cost, defaultPrices, functionStats, type FunctionStats, type Prices} from '../functions/index.js';
import type {FunctionConfig} from '../project/model.js';
import {formatCost} from '../tui/format.js';
import {openWorkspace} from '../workspace/workspace.js';
import {printJson, workspaceOptions, type GlobalArgs} from './globalOptions.js';
import {renderTable} from './render.js';

interface FunctionsArgs extends GlobalArgs {
	json?: boolean;
}

export function functionsCommand(yargs: Argv): void {
	yargs.command<FunctionsArgs>(
		'functions',
		"List the template's functions with their invocations, durations and estimated cost",
		y => y.option('json', {type: 'boolean'}) as Argv<FunctionsArgs>,
		async args => {
			const options = workspaceOptions(args);
			const workspace = openWorkspace({...options, requireTemplate: true});
			try {
				const prices = {...defaultPrices, ...options.prices};
				const stats = new Map(functionStats(workspace.db).map(s => [s.functionName, s]));
				const rows = workspace.project.functions.map(fn => functionRow(fn, stats.get(fn.name), prices));
				if (args.json) printJson(rows);
				else process.stdout.write(renderTable(rows.map(textRow), ['name', 'runtime', 'memory', 'invocations', 'errors', 'p50', 'p95', 'billed', 'cost', 'at 100 ms']));
			} finally {
				await workspace.close();
			}
		},
	);
}

function functionRow(fn: FunctionConfig, s: FunctionStats | undefined, prices: Prices) {
	const architecture = fn.architectures?.[0] ?? 'x86_64';
	const arm = architecture === 'arm64';
	return {
		name: fn.name,
		runtime: fn.runtime,
		architecture,
		memorySize: fn.memorySize,
		timeout: fn.timeout,
		reservedConcurrency: fn.reservedConcurrency ?? null,
		invocations: s?.invocations ?? 0,
		errors: s?.errors ?? 0,
		timeouts: s?.timeouts ?? 0,
		p50DurationMs: s?.p50DurationMs ?? null,
		p95DurationMs: s?.p95DurationMs ?? null,
		billedDurationMs: s?.billedDurationMs ?? 0,
		cost: s ? cost(prices, s.gbSeconds, s.invocations, arm) : 0,
		costAt100msRounding: s ? cost(prices, s.legacyGbSeconds, s.invocations, arm) : 0,
		lastInvoked: s ? new Date(s.lastInvokedAt).toISOString() : null,
	};
}

function textRow(row: ReturnType<typeof functionRow>): Record<string, string | number> {
	const ms = (value: number | null) => (value === null ? '—' : `${value < 10 ? value.toFixed(2) : Math.round(value)} ms`);
	return {
		name: row.name,
		runtime: row.runtime,
		memory: `${row.memorySize} MB`,
		invocations: row.invocations,
		errors: row.errors,
		p50: ms(row.p50DurationMs),
		p95: ms(row.p95DurationMs),
		billed: `${row.billedDurationMs} ms`,
		cost: formatCost(row.cost),
		'at 100 ms': formatCost(row.costAt100msRounding),
	};
}
