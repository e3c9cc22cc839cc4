/** The global flags every command shares, turned into workspace options. */
import type {WorkspaceOptions} from '../workspace/workspace.js';
import {BadInput} from '../workspace/badInput.js';
import {parsePrices, type Prices} from '../functions/index.js';

export interface GlobalArgs {
	template?: string;
	db?: string;
	functions?: string;
	'parameter-overrides'?: string[];
	'account-concurrency'?: number;
	prices?: string;
}

export function workspaceOptions(args: GlobalArgs): WorkspaceOptions {
	return {
		template: args.template,
		db: args.db,
		functions: args.functions,
		parameterOverrides: parseOverrides(args['parameter-overrides']),
		accountConcurrency: accountConcurrency(args['account-concurrency']),
		prices: prices(args.prices),
	};
}

/** Lambda's account-wide concurrency quota: 1,000 by default; new accounts often start far lower. */
function accountConcurrency(value: number | undefined): number | undefined {
	if (value === undefined) return undefined;
	if (!Number.isInteger(value) || value < 1) throw new BadInput(`--account-concurrency: must be a whole number of 1 or more (got ${value})`);
	return value;
}

function prices(text: string | undefined): Partial<Prices> | undefined {
	if (text === undefined) return undefined;
	try {
		return parsePrices(text);
	} catch (error) {
		throw new BadInput(`--prices: ${(error as Error).message}`, {cause: error});
	}
}

function parseOverrides(values: string[] | undefined): Record<string, string> | undefined {
	if (!values) return undefined;
	const out: Record<string, string> = {};
	for (const pair of values.flatMap(v => v.split(/\s+/)).filter(Boolean)) {
		const eq = pair.indexOf('=');
		if (eq <= 0) throw new BadInput(`--parameter-overrides: '${pair}' is not Key=Value`);
		out[pair.slice(0, eq).replace(/^ParameterKey=/, '')] = pair.slice(eq + 1).replace(/^ParameterValue=/, '');
	}
	return out;
}

export function printJson(value: unknown): void {
	process.stdout.write(JSON.stringify(value) + '\n');
}
