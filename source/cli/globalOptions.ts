/** The global flags every command shares, turned into workspace options. */
import type {WorkspaceOptions} from '../workspace/workspace.js';
import {BadInput} from '../workspace/badInput.js';

export interface GlobalArgs {
	template?: string;
	db?: string;
	functions?: string;
	'parameter-overrides'?: string[];
}

export function workspaceOptions(args: GlobalArgs): WorkspaceOptions {
	return {template: args.template, db: args.db, functions: args.functions, parameterOverrides: parseOverrides(args['parameter-overrides'])};
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
