/**
 * Every key of the workbench as data: which key does what in which pane. The App
 * dispatches through it, the footer lists the bindings of the focused pane from it,
 * and the help overlay lists (and filters) all of it, so the three never disagree.
 */
import type {Key} from 'ink';

export const PaneId = {
	Functions: 'functions',
	Executions: 'executions',
	Graph: 'graph',
	Detail: 'detail',
	Approvals: 'approvals',
	Schedules: 'schedules',
} as const;
export type PaneId = (typeof PaneId)[keyof typeof PaneId];

/** Pane order: the number keys and Tab follow it. */
export const paneOrder: readonly PaneId[] = [
	PaneId.Functions,
	PaneId.Executions,
	PaneId.Graph,
	PaneId.Detail,
	PaneId.Approvals,
	PaneId.Schedules,
];

export const paneTitles: Record<PaneId, string> = {
	[PaneId.Functions]: 'Functions',
	[PaneId.Executions]: 'Executions',
	[PaneId.Graph]: 'Graph',
	[PaneId.Detail]: 'Step detail',
	[PaneId.Approvals]: 'Approvals',
	[PaneId.Schedules]: 'Schedules',
};

export const Action = {
	Quit: 'quit',
	Help: 'help',
	Palette: 'palette',
	FocusNext: 'focusNext',
	FocusPrevious: 'focusPrevious',
	Jump: 'jump',
	Zoom: 'zoom',
	Copy: 'copy',
	Filter: 'filter',
	Up: 'up',
	Down: 'down',
	Left: 'left',
	Right: 'right',
	PageUp: 'pageUp',
	PageDown: 'pageDown',
	Top: 'top',
	Bottom: 'bottom',
	Open: 'open',
	Invoke: 'invoke',
	NewExecution: 'newExecution',
	StopExecution: 'stopExecution',
	PreviousMachine: 'previousMachine',
	NextMachine: 'nextMachine',
	ToggleCollapse: 'toggleCollapse',
	CollapseAll: 'collapseAll',
	ExpandAll: 'expandAll',
	ToggleGrouping: 'toggleGrouping',
	ToggleFollow: 'toggleFollow',
	Approve: 'approve',
	Reject: 'reject',
} as const;
export type Action = (typeof Action)[keyof typeof Action];

export interface Binding {
	/** Key names as `keyName` spells them; the first is the one shown. */
	keys: string[];
	action: Action;
	/** `Jump`: the pane it jumps to. */
	pane?: PaneId;
	description: string;
	/** Undefined: everywhere. */
	panes?: readonly PaneId[];
	/** Changes something (starts, stops, answers, invokes): off in `--read-only`. */
	mutating?: boolean;
	/** Listed in the footer of the panes it belongs to, under this short name. */
	footer?: string;
}

const lists: readonly PaneId[] = [PaneId.Functions, PaneId.Executions, PaneId.Approvals, PaneId.Schedules];
const scrollable: readonly PaneId[] = [...lists, PaneId.Graph, PaneId.Detail];

export const bindings: readonly Binding[] = [
	// Pane-specific first: the footer lists them first.
	{keys: ['enter'], action: Action.Invoke, description: 'invoke with a test event or typed JSON', panes: [PaneId.Functions], mutating: true, footer: 'invoke'},
	{keys: ['enter'], action: Action.Open, description: 'open the execution in the graph', panes: [PaneId.Executions], footer: 'open'},
	{keys: ['n'], action: Action.NewExecution, description: 'start a new execution with input', panes: [PaneId.Executions, PaneId.Graph], mutating: true, footer: 'new'},
	{keys: ['s'], action: Action.StopExecution, description: 'stop the selected execution', panes: [PaneId.Executions, PaneId.Graph], mutating: true, footer: 'stop'},
	{keys: ['[', 'h', 'left'], action: Action.PreviousMachine, description: 'previous state machine', panes: [PaneId.Executions], footer: 'machine'},
	{keys: [']', 'l', 'right'], action: Action.NextMachine, description: 'next state machine', panes: [PaneId.Executions]},
	{keys: ['enter'], action: Action.Open, description: 'show the state in step detail', panes: [PaneId.Graph], footer: 'detail'},
	{keys: ['space', 'c'], action: Action.ToggleCollapse, description: 'collapse or expand the Map/Parallel', panes: [PaneId.Graph], footer: 'fold'},
	{keys: ['C'], action: Action.CollapseAll, description: 'collapse every Map/Parallel', panes: [PaneId.Graph]},
	{keys: ['E'], action: Action.ExpandAll, description: 'expand every Map/Parallel', panes: [PaneId.Graph]},
	{keys: ['h', 'left'], action: Action.Left, description: 'scroll left', panes: [PaneId.Graph]},
	{keys: ['l', 'right'], action: Action.Right, description: 'scroll right', panes: [PaneId.Graph]},
	{keys: ['r'], action: Action.ToggleGrouping, description: 'events grouped by state / raw', panes: [PaneId.Detail], footer: 'raw/grouped'},
	{keys: ['f'], action: Action.ToggleFollow, description: 'follow new events', panes: [PaneId.Detail], footer: 'follow'},
	{keys: ['a'], action: Action.Approve, description: 'approve (SendTaskSuccess) with optional output', panes: [PaneId.Approvals], mutating: true, footer: 'approve'},
	{keys: ['r'], action: Action.Reject, description: 'reject (SendTaskFailure) with error and cause', panes: [PaneId.Approvals], mutating: true, footer: 'reject'},
	{keys: ['enter'], action: Action.Open, description: 'open the waiting execution', panes: [PaneId.Approvals], footer: 'open'},
	{keys: ['/'], action: Action.Filter, description: 'filter the list (Esc clears)', panes: lists, footer: 'filter'},
	{keys: ['y'], action: Action.Copy, description: 'copy the selected ARN, token or JSON', panes: scrollable, footer: 'copy'},
	{keys: ['j', 'down'], action: Action.Down, description: 'down', panes: scrollable},
	{keys: ['k', 'up'], action: Action.Up, description: 'up', panes: scrollable},
	{keys: ['pgdn', 'ctrl+d'], action: Action.PageDown, description: 'page down', panes: scrollable},
	{keys: ['pgup', 'ctrl+u'], action: Action.PageUp, description: 'page up', panes: scrollable},
	{keys: ['home', 'g'], action: Action.Top, description: 'first', panes: scrollable},
	{keys: ['end', 'G'], action: Action.Bottom, description: 'last', panes: scrollable},
	// Everywhere.
	{keys: ['tab'], action: Action.FocusNext, description: 'next pane', footer: 'pane'},
	{keys: ['shift+tab'], action: Action.FocusPrevious, description: 'previous pane'},
	...paneOrder.map(
		(pane, index): Binding => ({keys: [String(index + 1)], action: Action.Jump, pane, description: `go to ${paneTitles[pane]}`}),
	),
	{keys: ['z'], action: Action.Zoom, description: 'zoom the pane (again to restore)', footer: 'zoom'},
	{keys: [':'], action: Action.Palette, description: 'command palette (:run M, :approve TOKEN, :q)', footer: 'cmd'},
	{keys: ['?'], action: Action.Help, description: 'all keys', footer: 'help'},
	{keys: ['q'], action: Action.Quit, description: 'quit', footer: 'quit'},
	{keys: ['ctrl+c'], action: Action.Quit, description: 'quit (always)'},
];

/** The binding a key triggers in a pane: the pane's own before the global ones. */
export function bindingFor(pane: PaneId, key: string): Binding | undefined {
	let global: Binding | undefined;
	for (const binding of bindings) {
		if (!binding.keys.includes(key)) continue;
		if (binding.panes === undefined) global ??= binding;
		else if (binding.panes.includes(pane)) return binding;
	}
	return global;
}

/** What the footer shows for a pane. */
export function footerBindings(pane: PaneId, options: {readOnly: boolean}): Binding[] {
	return bindings.filter(b => b.footer !== undefined && (b.panes === undefined || b.panes.includes(pane)) && !(options.readOnly && b.mutating));
}

/** One stable name per key press: `j`, `G`, `enter`, `shift+tab`, `ctrl+d`, `pgdn`. */
export function keyName(input: string, key: Key): string {
	if (key.ctrl && input === 'c') return 'ctrl+c';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pgup';
	if (key.pageDown) return 'pgdn';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'esc';
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
	if (input === ' ') return 'space';
	return input;
}

/** How a key name reads in the footer and help: `enter` -> `⏎`. */
export function keyLabel(key: string): string {
	const labels: Record<string, string> = {
		enter: '⏎',
		tab: '⇥',
		'shift+tab': '⇧⇥',
		up: '↑',
		down: '↓',
		left: '←',
		right: '→',
		pgup: 'PgUp',
		pgdn: 'PgDn',
		home: 'Home',
		end: 'End',
		esc: 'Esc',
		space: 'Space',
		'ctrl+c': '^C',
		'ctrl+d': '^D',
		'ctrl+u': '^U',
	};
	return labels[key] ?? key;
}
