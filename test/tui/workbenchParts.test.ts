import {test} from 'node:test';
import {spawnSync} from 'node:child_process';
import assert from 'node:assert/strict';
import {parseCommand, completions} from '../../source/tui/commands.js';
import {bindings, bindingFor, footerBindings, PaneId, paneOrder} from '../../source/tui/keymap.js';
import {fitLine, lineText, seg} from '../../source/tui/lines.js';
import {textWidth} from '../../source/tui/format.js';
import {tableLines, visibleColumns, type Column} from '../../source/tui/table.js';
import {createTheme, wantsColour} from '../../source/tui/theme.js';
import {Token} from '../../source/tui/graph/types.js';

test('no key means two things in one pane', () => {
	for (const pane of paneOrder) {
		const seen = new Map<string, string>();
		for (const binding of bindings.filter(b => b.panes?.includes(pane))) {
			for (const key of binding.keys) {
				assert.ok(!seen.has(key), `${pane}: '${key}' is both ${seen.get(key)} and ${binding.action}`);
				seen.set(key, binding.action);
			}
		}
	}
	assert.equal(bindingFor(PaneId.Approvals, 'r')?.action, 'reject');
	assert.equal(bindingFor(PaneId.Detail, 'r')?.action, 'toggleGrouping');
	assert.equal(bindingFor(PaneId.Graph, 'q')?.action, 'quit');
	assert.ok(!footerBindings(PaneId.Approvals, {readOnly: true}).some(b => b.mutating));
});

test('palette commands parse with JSON defaults and say what is wrong', () => {
	assert.deepEqual(parseCommand(':run OrderWorkflow {"a": 1}'), {ok: true, command: {kind: 'run', machine: 'OrderWorkflow', input: '{"a":1}'}, mutating: true});
	assert.deepEqual(parseCommand('start OrderWorkflow'), {ok: true, command: {kind: 'run', machine: 'OrderWorkflow', input: '{}'}, mutating: true});
	assert.deepEqual(parseCommand('approve TOKEN123'), {ok: true, command: {kind: 'approve', token: 'TOKEN123', output: '{}'}, mutating: true});
	assert.deepEqual(parseCommand('reject TOKEN123 "Not Allowed" over the limit'), {
		ok: true,
		command: {kind: 'reject', token: 'TOKEN123', error: 'Not Allowed', cause: 'over the limit'},
		mutating: true,
	});
	assert.deepEqual(parseCommand(':q'), {ok: true, command: {kind: 'quit'}, mutating: false});
	assert.deepEqual(parseCommand('graph'), {ok: true, command: {kind: 'focus', pane: 'graph'}, mutating: false});
	assert.deepEqual(parseCommand('stepdetail'), {ok: true, command: {kind: 'focus', pane: 'detail'}, mutating: false});
	const bad = parseCommand('run M {nope');
	assert.equal(bad.ok, false);
	assert.match((bad as {message: string}).message, /^input: not valid JSON/);
	assert.deepEqual(completions('ru', {machines: [], functions: []}), ['run']);
	assert.deepEqual(completions('run Ord', {machines: ['OrderWorkflow', 'Other'], functions: []}), ['run OrderWorkflow']);
});

test('lines fit exactly, wide characters included', () => {
	const line = [seg('状态 '), seg('ValidateOrder', Token.StatusSucceeded)];
	for (const width of [0, 1, 3, 5, 8, 30]) {
		const fitted = fitLine(line, width);
		assert.equal(textWidth(lineText(fitted)), width, `width ${width}: '${lineText(fitted)}'`);
	}
	assert.equal(lineText(fitLine(line, 8)), '状态 Va…');
});

test('narrow tables drop the least important columns first and window the rows around the selection', () => {
	const columns: Column<number>[] = [
		{title: 'Name', width: 'flex', minWidth: 6, priority: 0, cell: n => `item-${n}`},
		{title: 'Cost', width: 8, priority: 5, cell: n => `$${n}`},
		{title: 'When', width: 8, priority: 1, cell: () => 'now'},
	];
	assert.deepEqual(visibleColumns(columns, 40).map(c => c.title), ['Name', 'Cost', 'When']);
	assert.deepEqual(visibleColumns(columns, 20).map(c => c.title), ['Name', 'When']);
	const items = Array.from({length: 1000}, (_, i) => i);
	const {lines, top} = tableLines({columns, items, selected: 500, top: 0, width: 30, height: 6, focused: true});
	assert.equal(lines.length, 6);
	assert.equal(top, 496);
	assert.match(lineText(lines[5]), /^›item-500/);
	assert.ok(lines[5].every(s => s.inverse), 'the focused selection is inverse');
});

test('NO_COLOR and --no-color turn every colour off but keep bold and inverse', () => {
	assert.equal(wantsColour({env: {NO_COLOR: '1'}}), false);
	assert.equal(wantsColour({env: {NO_COLOR: ''}}), true);
	assert.equal(wantsColour({env: {}, noColor: true}), false);
	const plain = createTheme({colour: false});
	for (const token of [Token.StatusFailed, Token.StatusSucceeded, Token.EdgeCatch, 'border.focused', 'json.key'] as const) {
		assert.equal(plain.style(token).color, undefined, token);
	}
	assert.equal(plain.style(Token.StatusFailed).bold, true);
	assert.equal(plain.style('selection').inverse, true);
	assert.equal(createTheme({colour: true}).style(Token.StatusFailed).color, 'red');
});

test('React’s production build is chosen only while React is not loaded yet', () => {
	const run = (before: string) =>
		spawnSync(
			process.execPath,
			[
				'--input-type=module',
				'-e',
				`${before} const {preferProductionReact} = await import(${JSON.stringify(new URL('../../source/tui/renderOptions.ts', import.meta.url).href)}); preferProductionReact(); process.stdout.write(String(process.env.NODE_ENV));`,
			],
			{encoding: 'utf8', env: {...process.env, NODE_ENV: undefined, NODE_OPTIONS: '--import tsx'}, cwd: new URL('../..', import.meta.url).pathname},
		).stdout;
	assert.equal(run(''), 'production');
	// A production reconciler over a development React renders nothing at all: leave it be.
	assert.equal(run("await import('react');"), 'undefined');
});
