/**
 * The `:` command palette's language, vim-style: `:run OrderWorkflow {"id":1}`,
 * `:approve TOKEN {"ok":true}`, `:reject TOKEN Error cause words`, `:stop ARN`,
 * `:invoke Fn {...}`, a pane name to jump to it, `:help`, `:q`. Parsing is pure;
 * the App runs what comes out. JSON arguments are the raw rest of the line.
 */
import {parseUserJson} from './format.js';
import {PaneId, paneOrder, paneTitles} from './keymap.js';

export type Command =
	| {kind: 'quit'}
	| {kind: 'help'}
	| {kind: 'focus'; pane: PaneId}
	| {kind: 'run'; machine: string; input: string}
	| {kind: 'stop'; execution: string}
	| {kind: 'approve'; token: string; output: string}
	| {kind: 'reject'; token: string; error: string; cause: string}
	| {kind: 'invoke'; functionName: string; payload: string};

export interface CommandInfo {
	name: string;
	usage: string;
	description: string;
	mutating: boolean;
}

export const commands: readonly CommandInfo[] = [
	{name: 'run', usage: 'run MACHINE [JSON]', description: 'start an execution (input defaults to {})', mutating: true},
	{name: 'stop', usage: 'stop EXECUTION', description: 'stop a running execution (ARN or name)', mutating: true},
	{name: 'approve', usage: 'approve TOKEN [JSON]', description: 'SendTaskSuccess (output defaults to {})', mutating: true},
	{name: 'reject', usage: 'reject TOKEN [ERROR [CAUSE…]]', description: 'SendTaskFailure', mutating: true},
	{name: 'invoke', usage: 'invoke FUNCTION [JSON]', description: 'invoke a function (payload defaults to {})', mutating: true},
	...paneOrder.map(pane => ({name: pane, usage: pane, description: `go to ${paneTitles[pane]}`, mutating: false})),
	{name: 'help', usage: 'help', description: 'all keys', mutating: false},
	{name: 'q', usage: 'q', description: 'quit', mutating: false},
];

const aliases: Record<string, string> = {start: 'run', quit: 'q', 'q!': 'q', exit: 'q', send: 'approve', fail: 'reject', '?': 'help'};

export type ParsedCommand = {ok: true; command: Command; mutating: boolean} | {ok: false; message: string};

export function parseCommand(text: string): ParsedCommand {
	const trimmed = text.trim().replace(/^:/, '');
	const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
	if (!match) return {ok: false, message: 'type a command: run, approve, reject, stop, invoke, q'};
	const name = aliases[match[1]] ?? match[1];
	const rest = match[2];
	const [first, remainder] = splitFirst(rest);
	const json = (value: string, what: string): {ok: true; json: string} | {ok: false; message: string} => {
		const parsed = parseUserJson(value, '{}');
		return parsed.ok ? parsed : {ok: false, message: `${what}: ${parsed.message}`};
	};
	switch (name) {
		case 'q':
			return {ok: true, command: {kind: 'quit'}, mutating: false};
		case 'help':
			return {ok: true, command: {kind: 'help'}, mutating: false};
		case 'run': {
			if (!first) return {ok: false, message: 'usage: run MACHINE [JSON]'};
			const input = json(remainder, 'input');
			return input.ok ? {ok: true, command: {kind: 'run', machine: first, input: input.json}, mutating: true} : input;
		}
		case 'stop':
			if (!first) return {ok: false, message: 'usage: stop EXECUTION'};
			return {ok: true, command: {kind: 'stop', execution: first}, mutating: true};
		case 'approve': {
			if (!first) return {ok: false, message: 'usage: approve TOKEN [JSON]'};
			const output = json(remainder, 'output');
			return output.ok ? {ok: true, command: {kind: 'approve', token: first, output: output.json}, mutating: true} : output;
		}
		case 'reject': {
			if (!first) return {ok: false, message: 'usage: reject TOKEN [ERROR [CAUSE…]]'};
			const [error, cause] = splitFirst(remainder);
			return {ok: true, command: {kind: 'reject', token: first, error: unquote(error), cause: unquote(cause)}, mutating: true};
		}
		case 'invoke': {
			if (!first) return {ok: false, message: 'usage: invoke FUNCTION [JSON]'};
			const payload = json(remainder, 'payload');
			return payload.ok ? {ok: true, command: {kind: 'invoke', functionName: first, payload: payload.json}, mutating: true} : payload;
		}
	}
	const pane = paneOrder.find(p => p === name || paneTitles[p].toLowerCase().replace(/\s+/g, '') === name.toLowerCase());
	if (pane) return {ok: true, command: {kind: 'focus', pane}, mutating: false};
	return {ok: false, message: `unknown command '${match[1]}': try run, approve, reject, stop, invoke, help, q`};
}

/** Completions for what is typed: command names, then machine/function names for their first argument. */
export function completions(text: string, names: {machines: readonly string[]; functions: readonly string[]}): string[] {
	const trimmed = text.replace(/^:/, '');
	const space = trimmed.indexOf(' ');
	if (space < 0) {
		return commands.filter(c => c.name.startsWith(trimmed.toLowerCase())).map(c => c.name);
	}
	const name = aliases[trimmed.slice(0, space)] ?? trimmed.slice(0, space);
	const arg = trimmed.slice(space + 1);
	if (arg.includes(' ')) return [];
	const pool = name === 'run' ? names.machines : name === 'invoke' ? names.functions : [];
	return pool.filter(n => n.toLowerCase().startsWith(arg.toLowerCase())).map(n => `${name} ${n}`);
}

function splitFirst(text: string): [string, string] {
	const trimmed = text.trim();
	if (trimmed.startsWith('"')) {
		const end = trimmed.indexOf('"', 1);
		if (end > 0) return [trimmed.slice(0, end + 1), trimmed.slice(end + 1).trim()];
	}
	const match = /^(\S*)\s*([\s\S]*)$/.exec(trimmed)!;
	return [match[1], match[2]];
}

function unquote(text: string): string {
	const trimmed = text.trim();
	return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}
