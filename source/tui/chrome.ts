/**
 * The lines around the panes: the header (what is open, counts, the latest message),
 * the footer (the keys valid in the focused pane, or in the current mode), the tab bar
 * of the narrow layout, the help overlay (every binding, filterable) and the bottom
 * sheets of dialogs and the command palette. Pure builders of fitted lines.
 */
import type {CommandInfo} from './commands.js';
import type {DialogState} from './dialog.js';
import {bindings, footerBindings, keyLabel, paneOrder, paneTitles, type Binding, type PaneId} from './keymap.js';
import {fitLine, lineWidth, seg, type Line} from './lines.js';
import {matchesFilter} from './listState.js';
import {UiToken, type ThemeToken} from './theme.js';

export interface Flash {
	text: string;
	token: ThemeToken;
	at: number;
}

/** How long a message stays in the header. */
export const FLASH_MS = 6000;

export function headerLine(options: {
	width: number;
	title: string;
	counts: string;
	readOnly: boolean;
	flash?: Flash;
	now: number;
}): Line {
	const left: Line = [seg(' stratus ', UiToken.Accent, {bold: true}), seg(options.title, UiToken.Title), seg(`  ${options.counts}`, UiToken.Dim)];
	if (options.readOnly) left.push(seg('  '), seg(' READ-ONLY ', UiToken.Warning, {inverse: true}));
	const flash = options.flash && options.now - options.flash.at < FLASH_MS ? options.flash : undefined;
	if (!flash) return fitLine(left, options.width);
	const right: Line = [seg(flash.text, flash.token), seg(' ')];
	const room = options.width - lineWidth(right);
	const leftFitted = lineWidth(left) + 2 <= room ? fitLine(left, room) : fitLine(left, Math.max(0, Math.floor(options.width / 3)));
	return fitLine([...leftFitted, ...fitLine(right, options.width - lineWidth(leftFitted))], options.width);
}

function keyHints(pairs: Array<[string, string]>, width: number): Line {
	const line: Line = [seg(' ')];
	for (const [key, label] of pairs) {
		const piece: Line = [seg(key, UiToken.Key), seg(` ${label}  `, UiToken.Dim)];
		if (lineWidth(line) + lineWidth(piece) > width) break;
		line.push(...piece);
	}
	return fitLine(line, width);
}

export function footerLine(options: {width: number; pane: PaneId; readOnly: boolean; mode: 'normal' | 'filter' | 'help' | 'palette' | 'dialog'}): Line {
	switch (options.mode) {
		case 'filter':
			return keyHints([['type', 'to filter'], ['↑↓', 'move'], ['⏎', 'keep'], ['Esc', 'clear']], options.width);
		case 'help':
			return keyHints([['type', 'to filter'], ['↑↓ PgUp PgDn', 'scroll'], ['Esc', 'close']], options.width);
		case 'palette':
			return keyHints([['⏎', 'run'], ['⇥', 'complete'], ['Esc', 'close']], options.width);
		case 'dialog':
			return keyHints([['⏎', 'next'], ['Esc', 'cancel']], options.width);
		case 'normal':
			return keyHints(
				footerBindings(options.pane, {readOnly: options.readOnly}).map(b => [keyLabel(b.keys[0]), b.footer!]),
				options.width,
			);
	}
}

export function tabLine(options: {width: number; focused: PaneId; badges: Partial<Record<PaneId, string>>}): Line {
	const build = (short: boolean): Line => {
		const line: Line = [];
		paneOrder.forEach((pane, index) => {
			const focused = pane === options.focused;
			const badge = options.badges[pane];
			// Too narrow for every title: the focused tab keeps its title, the others shrink to a few letters.
			const title = short && !focused ? paneTitles[pane].slice(0, 4) : paneTitles[pane];
			line.push(seg(` ${index + 1} ${title}${badge ? ` ${badge}` : ''} `, focused ? UiToken.Accent : UiToken.Dim, focused ? {inverse: true, bold: true} : undefined));
			line.push(seg('│', UiToken.Border));
		});
		return line;
	};
	const full = build(false);
	return fitLine(lineWidth(full) <= options.width ? full : build(true), options.width);
}

export interface HelpRow {
	binding: Binding;
	scope: string;
}

/** Every binding, filtered by key, description or pane name. */
export function helpRows(filter: string): HelpRow[] {
	const rows: HelpRow[] = [];
	for (const binding of bindings) {
		const scope =
			binding.panes === undefined ? 'Everywhere' : binding.panes.length === paneOrder.length ? 'Every pane' : binding.panes.map(p => paneTitles[p]).join(', ');
		const text = `${binding.keys.join(' ')} ${binding.keys.map(keyLabel).join(' ')} ${binding.description} ${scope}`;
		if (matchesFilter(text, filter)) rows.push({binding, scope});
	}
	return rows;
}

/** Help: the filter line, then every section of bindings and commands, in as many columns as fit. */
export function helpLines(options: {filter: string; readOnly: boolean; commands: readonly CommandInfo[]; width: number}): Line[] {
	const blocks: Line[][] = [];
	const byScope = new Map<string, HelpRow[]>();
	for (const row of helpRows(options.filter)) {
		let list = byScope.get(row.scope);
		if (!list) byScope.set(row.scope, (list = []));
		list.push(row);
	}
	for (const [scope, list] of byScope) {
		const block: Line[] = [[seg(scope, UiToken.Accent, {bold: true})]];
		for (const {binding} of list) {
			const keys = binding.keys.map(keyLabel).join(' ');
			const off = options.readOnly && binding.mutating;
			block.push([
				seg(`  ${keys.padEnd(14)}`, off ? UiToken.Dim : UiToken.Key),
				seg(binding.description, off ? UiToken.Dim : UiToken.Text),
				...(off ? [seg(' (off: read-only)', UiToken.Warning)] : []),
			]);
		}
		blocks.push(block);
	}
	const commandRows = options.commands.filter(c => matchesFilter(`: ${c.usage} ${c.description}`, options.filter));
	if (commandRows.length > 0) {
		const block: Line[] = [[seg('Commands (:)', UiToken.Accent, {bold: true})]];
		for (const c of commandRows) {
			const off = options.readOnly && c.mutating;
			block.push([seg(`  :${c.usage.padEnd(26)}`, off ? UiToken.Dim : UiToken.Key), seg(c.description, off ? UiToken.Dim : UiToken.Text)]);
		}
		blocks.push(block);
	}
	const head: Line[] = [
		[seg('? ', UiToken.Key), seg(options.filter, UiToken.Accent), seg(' ', UiToken.Accent, {inverse: true}), seg('   type to filter · Esc closes', UiToken.Dim)],
		[],
	];
	if (blocks.length === 0) return [...head, [seg(`  no key matches '${options.filter}'`, UiToken.Dim)]];
	return [...head, ...inColumns(blocks, options.width)];
}

/** Blocks laid out in columns of about equal height, a block never split across two. */
function inColumns(blocks: Line[][], width: number): Line[] {
	const count = Math.max(1, Math.min(blocks.length, Math.floor(width / 48)));
	const columnWidth = Math.floor(width / count);
	const total = blocks.reduce((sum, b) => sum + b.length + 1, 0);
	const target = Math.ceil(total / count);
	const columns: Line[][] = [[]];
	for (const block of blocks) {
		let column = columns[columns.length - 1];
		if (column.length > 0 && column.length + block.length > target && columns.length < count) columns.push((column = []));
		column.push(...block, []);
	}
	const height = Math.max(...columns.map(c => c.length));
	const out: Line[] = [];
	for (let row = 0; row < height; row++) out.push(columns.flatMap(column => fitLine(column[row] ?? [], columnWidth)));
	return out;
}

/** Rows a dialog or the palette takes at the bottom of the screen. */
export const SHEET_ROWS = 7;

function sheet(title: string, body: Line[], width: number): Line[] {
	const inner = Math.max(0, width - 2);
	const label: Line = [seg('─ ', UiToken.BorderFocused), seg(title, UiToken.Accent, {bold: true}), seg(' ', UiToken.BorderFocused)];
	const rest = inner - lineWidth(label);
	const top = [seg('╭', UiToken.BorderFocused), ...(rest >= 0 ? [...label, seg('─'.repeat(rest), UiToken.BorderFocused)] : fitLine(label, inner)), seg('╮', UiToken.BorderFocused)];
	const out: Line[] = [top];
	for (let i = 0; i < SHEET_ROWS - 2; i++) out.push([seg('│', UiToken.BorderFocused), ...fitLine(body[i] ?? [], inner), seg('│', UiToken.BorderFocused)]);
	out.push([seg(`╰${'─'.repeat(inner)}╯`, UiToken.BorderFocused)]);
	return out;
}

/** The end of a long input, so the cursor stays in view. */
function inputTail(text: string, width: number): string {
	return text.length > width ? `…${text.slice(-(width - 1))}` : text;
}

export function dialogLines(state: DialogState, width: number): Line[] {
	const step = state.spec.steps[state.step];
	const body: Line[] = [];
	const progress = state.spec.steps.length > 1 ? ` (${state.step + 1}/${state.spec.steps.length})` : '';
	if (step?.kind === 'text') {
		body.push([seg(step.label, UiToken.Title), seg(progress, UiToken.Dim)]);
		const shown = inputTail(state.text, width - 8);
		body.push([seg('› ', UiToken.Key), seg(shown), seg(' ', UiToken.Accent, {inverse: true}), ...(state.text === '' && step.placeholder ? [seg(` ${step.placeholder}`, UiToken.Dim)] : [])]);
		body.push(state.error ? [seg(state.error, UiToken.Error)] : []);
		body.push([seg('⏎ ', UiToken.Key), seg('next  ', UiToken.Dim), seg('^U ', UiToken.Key), seg('clear  ', UiToken.Dim), seg('Esc ', UiToken.Key), seg('cancel', UiToken.Dim)]);
	} else if (step?.kind === 'choice') {
		body.push([seg(step.label, UiToken.Title), seg(progress, UiToken.Dim)]);
		const window = 3;
		const first = Math.max(0, Math.min(state.choice - 1, step.options.length - window));
		step.options.slice(first, first + window).forEach((option, i) => {
			const chosen = first + i === state.choice;
			body.push([
				seg(chosen ? '› ' : '  ', UiToken.Accent),
				seg(option.label, chosen ? UiToken.Accent : UiToken.Text, chosen ? {bold: true} : undefined),
				...(option.detail ? [seg(`  ${option.detail}`, UiToken.Dim)] : []),
			]);
		});
		while (body.length < 4) body.push([]);
		body.push([seg('↑↓ ', UiToken.Key), seg('choose  ', UiToken.Dim), seg('⏎ ', UiToken.Key), seg('pick  ', UiToken.Dim), seg('Esc ', UiToken.Key), seg('cancel', UiToken.Dim)]);
	} else if (step?.kind === 'confirm') {
		body.push([seg(step.message(state.values), UiToken.Warning, {bold: true})]);
		body.push([]);
		body.push(state.error ? [seg(state.error, UiToken.Error)] : []);
		body.push([seg('y ', UiToken.Key), seg('yes  ', UiToken.Dim), seg('n ', UiToken.Key), seg('no', UiToken.Dim)]);
	}
	return sheet(state.spec.title, body, width);
}

export function paletteLines(options: {text: string; error?: string; completions: readonly string[]; commands: readonly CommandInfo[]; width: number}): Line[] {
	const body: Line[] = [[seg(':', UiToken.Key), seg(inputTail(options.text, options.width - 6)), seg(' ', UiToken.Accent, {inverse: true})]];
	if (options.error) body.push([seg(options.error, UiToken.Error)]);
	const typed = options.text.trim().split(/\s+/)[0] ?? '';
	const info = options.commands.find(c => c.name === typed);
	if (info) body.push([seg(`:${info.usage}`, UiToken.Key), seg(`  ${info.description}`, UiToken.Dim)]);
	for (const completion of options.completions.slice(0, SHEET_ROWS - 2 - body.length)) body.push([seg(`  ${completion}`, UiToken.Dim)]);
	return sheet('Command', body, options.width);
}
