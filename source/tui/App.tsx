/**
 * The workbench: six panes over one WorkbenchBackend, laid out for the terminal's
 * size, driven from the keyboard.
 *
 * All keys arrive at one handler here and go through the keymap (keymap.ts), so
 * what a key does, what the footer says and what help lists come from one table.
 * Everything a key needs to act on (the filtered lists, the selected execution, the
 * graph's states) is derived once per render and read by the handler through a ref,
 * so the handler is registered once and no key is lost to a re-subscription.
 */
import {Box, useApp, useInput, useStdout, type Key} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState, type ReactNode} from 'react';
import type {ExecutionSummary, FunctionSummary, PendingTask, ScheduleSummary, WorkbenchBackend} from './backend.js';
import {dialogLines, footerLine, headerLine, helpLines, paletteLines, SHEET_ROWS, tabLine, type Flash} from './chrome.js';
import {commands, completions, parseCommand, type Command} from './commands.js';
import {Lines} from './components/TextBlock.js';
import {detailDocument} from './detailDocument.js';
import {dialogKey, editText, isPrintable, openDialog, type DialogSpec, type DialogState} from './dialog.js';
import {executionProgress} from './executionProgress.js';
import {parseUserJson, shortArn, shortToken} from './format.js';
import {containerPaths, scrollTo} from './graph/index.js';
import {graphOf, layoutOf, paintedWindowOf} from './graphCache.js';
import {NodeShape, type Layout} from './graph/types.js';
import {useBackendVersion, useNow, useTerminalSize, type TerminalSize} from './hooks.js';
import {Action, bindingFor, keyName, PaneId, paneOrder, type Binding} from './keymap.js';
import {fitBlock} from './lines.js';
import {emptyList, filterItems, resolveIndex, selectIndex, type ListState} from './listState.js';
import {ApprovalsPane} from './panes/ApprovalsPane.js';
import {ExecutionsPane} from './panes/ExecutionsPane.js';
import {FunctionsPane, type LastInvoke} from './panes/FunctionsPane.js';
import {GRAPH_HEADER_ROWS, GraphPane} from './panes/GraphPane.js';
import {SchedulesPane} from './panes/SchedulesPane.js';
import {detailScroll, StepDetailPane} from './panes/StepDetailPane.js';
import {computeLayout, type PaneBox} from './screenLayout.js';
import {osc52} from './terminal.js';
import {createTheme, UiToken, type Theme} from './theme.js';
import {ThemeContext} from './themeContext.js';

export interface AppProps {
	backend: WorkbenchBackend;
	/** Mutating keys and commands are off. */
	readOnly?: boolean;
	theme?: Theme;
	/** What the header names: the stack, the template. */
	title?: string;
	clock?: () => number;
	/** A fixed size instead of the terminal's (the bench). */
	size?: TerminalSize;
	/** Where `y` puts text; OSC 52 on stdout by default. */
	copy?: (text: string) => void;
	onQuit?: () => void;
}

/** Newest executions the list holds; filtering searches these. */
export const EXECUTION_LIMIT = 20_000;

type ListPane = typeof PaneId.Functions | typeof PaneId.Executions | typeof PaneId.Approvals | typeof PaneId.Schedules;
const listPanes: readonly PaneId[] = [PaneId.Functions, PaneId.Executions, PaneId.Approvals, PaneId.Schedules];
const isListPane = (pane: PaneId): pane is ListPane => listPanes.includes(pane);

type Mode =
	| {kind: 'normal'}
	| {kind: 'filter'}
	| {kind: 'help'; filter: string; scroll: number}
	| {kind: 'palette'; text: string; error?: string}
	| {kind: 'dialog'; dialog: DialogState};

interface UiState {
	focused: PaneId;
	zoomed: boolean;
	mode: Mode;
	lists: Record<ListPane, ListState>;
	/** Index into the machines; `machines.length` means all of them. */
	machineIndex: number;
	/** `reveal`: a state name to select and scroll to once the execution's graph is drawn. */
	graph: {path?: string; top: number; left: number; collapsed: readonly string[]; reveal?: string};
	detail: {scroll: number; grouped: boolean; follow: boolean};
	flash?: Flash;
	lastInvoke?: LastInvoke;
}

const initialUi: UiState = {
	focused: PaneId.Executions,
	zoomed: false,
	mode: {kind: 'normal'},
	lists: {functions: emptyList, executions: emptyList, approvals: emptyList, schedules: emptyList},
	machineIndex: 0,
	graph: {top: 0, left: 0, collapsed: []},
	detail: {scroll: 0, grouped: true, follow: false},
};

const defaultTheme = createTheme({colour: true});
const keyOf = {
	functions: (f: FunctionSummary) => f.name,
	executions: (e: ExecutionSummary) => e.executionArn,
	approvals: (t: PendingTask) => t.taskToken,
	schedules: (s: ScheduleSummary) => s.name,
};

export function App(props: AppProps) {
	const {backend, readOnly = false} = props;
	const clock = props.clock ?? Date.now;
	const theme = props.theme ?? defaultTheme;
	const {exit} = useApp();
	const {stdout} = useStdout();
	const size = useTerminalSize(props.size);
	const version = useBackendVersion(backend);
	const now = useNow(clock);
	const [ui, setUiState] = useState<UiState>(initialUi);
	// Keys that arrive in one burst (typed text and its Enter, a paste) must each see the
	// previous key's effect, before React has re-rendered: the UI state lives in a ref too.
	const uiRef = useRef(ui);
	const setUi = useCallback((update: UiState | ((state: UiState) => UiState)) => {
		uiRef.current = typeof update === 'function' ? update(uiRef.current) : update;
		setUiState(uiRef.current);
	}, []);

	// ---------------------------------------------------------------- layout
	const sheetRows = ui.mode.kind === 'dialog' || ui.mode.kind === 'palette' ? SHEET_ROWS : 0;
	const layout = useMemo(
		() => computeLayout({columns: size.columns, rows: size.rows - sheetRows, focused: ui.focused, zoomed: ui.zoomed}),
		[size.columns, size.rows, sheetRows, ui.focused, ui.zoomed],
	);
	const boxes = useMemo(() => {
		const map = new Map<PaneId, PaneBox>();
		for (const column of layout.columns) for (const box of column.panes) map.set(box.pane, box);
		return map;
	}, [layout]);
	// A pane not on screen still has a size for paging: the focused pane's.
	const boxOf = (pane: PaneId): PaneBox => boxes.get(pane) ?? {...layout.columns[0].panes[0], pane};

	// ---------------------------------------------------------------- data
	const functions = useMemo(() => backend.functions(), [backend, version]);
	const stats = useMemo(() => new Map(backend.functionStats().map(s => [s.functionName, s])), [backend, version]);
	const machines = useMemo(() => backend.stateMachines(), [backend, version]);
	const machineIndex = Math.min(ui.machineIndex, machines.length);
	const machine = machines[machineIndex];
	const allExecutions = useMemo(() => backend.executions({stateMachineArn: machine?.arn, limit: EXECUTION_LIMIT}), [backend, version, machine?.arn]);
	const allTasks = useMemo(() => backend.pendingTasks(), [backend, version]);
	const allSchedules = useMemo(() => backend.schedules(), [backend, version, Math.floor(now / 1000)]);
	const fires = useMemo(() => backend.scheduleFires(50), [backend, version]);

	const fnItems = useMemo(() => filterItems(functions, ui.lists.functions.filter, f => `${f.name} ${f.runtime} ${f.handler}`), [functions, ui.lists.functions.filter]);
	const fnIndex = resolveIndex(fnItems, keyOf.functions, ui.lists.functions);
	const execItems = useMemo(
		() => filterItems(allExecutions, ui.lists.executions.filter, e => `${e.name} ${e.status} ${e.machineName}`),
		[allExecutions, ui.lists.executions.filter],
	);
	const execIndex = resolveIndex(execItems, keyOf.executions, ui.lists.executions);
	const taskItems = useMemo(
		() => filterItems(allTasks, ui.lists.approvals.filter, t => `${t.executionArn} ${t.stateName} ${t.kind} ${t.taskToken}`),
		[allTasks, ui.lists.approvals.filter],
	);
	const taskIndex = resolveIndex(taskItems, keyOf.approvals, ui.lists.approvals);
	const scheduleItems = useMemo(
		() => filterItems(allSchedules, ui.lists.schedules.filter, s => `${s.name} ${s.expression} ${s.timezone} ${s.description}`),
		[allSchedules, ui.lists.schedules.filter],
	);
	const scheduleIndex = resolveIndex(scheduleItems, keyOf.schedules, ui.lists.schedules);

	const selectedFunction = fnItems[fnIndex];
	const invocations = useMemo(() => (selectedFunction ? backend.invocations(selectedFunction.name, 20) : []), [backend, version, selectedFunction?.name]);
	const selectedArn = execItems[execIndex]?.executionArn;
	const execution = useMemo(() => (selectedArn ? backend.execution(selectedArn) : undefined), [backend, version, selectedArn]);
	const events = useMemo(() => (selectedArn ? backend.history(selectedArn) : []), [backend, version, selectedArn]);
	const waitingKey = allTasks.filter(t => t.executionArn === selectedArn).map(t => t.stateName).join('\n');
	const definition = execution?.definition ?? machine?.definition ?? machines[0]?.definition;
	const progress = useMemo(
		() => (definition && execution ? executionProgress(definition, events, {waitingStates: new Set(waitingKey.split('\n').filter(Boolean))}) : undefined),
		[definition, execution, events, waitingKey],
	);

	// ---------------------------------------------------------------- graph
	const graphBox = boxOf(PaneId.Graph);
	const graphColumns = Math.max(10, graphBox.width - 2);
	const graphRows = Math.max(1, graphBox.height - 2 - GRAPH_HEADER_ROWS);
	const graph = useMemo(() => (definition ? graphOf(definition) : undefined), [definition]);
	const graphLayout = useMemo(() => (graph ? layoutOf(graph, graphColumns, ui.graph.collapsed) : undefined), [graph, graphColumns, ui.graph.collapsed]);
	const cells = useMemo(
		() =>
			graphLayout
				? paintedWindowOf(graphLayout, progress?.statuses ?? {}, {top: ui.graph.top, left: ui.graph.left, rows: graphRows, cols: graphColumns})
				: undefined,
		[graphLayout, progress, ui.graph.top, ui.graph.left, graphRows, graphColumns],
	);
	const statePaths = useMemo(() => (graphLayout ? orderedStates(graphLayout) : []), [graphLayout]);
	const graphPath = ui.graph.path !== undefined && statePaths.includes(ui.graph.path) ? ui.graph.path : undefined;
	const graphWindow = useMemo(() => ({top: ui.graph.top, left: ui.graph.left}), [ui.graph.top, ui.graph.left]);

	// ---------------------------------------------------------------- step detail
	const detailBox = boxOf(PaneId.Detail);
	const detailRows = Math.max(1, detailBox.height - 2);
	const detail = useMemo(
		() => detailDocument({execution, events, progress, selectedPath: graphPath, grouped: ui.detail.grouped, now, width: detailBox.width - 2}),
		[execution, events, progress, graphPath, ui.detail.grouped, now, detailBox.width],
	);
	const detailTop = detailScroll(ui.detail.scroll, ui.detail.follow, detail.lines.length, detailRows);

	// ---------------------------------------------------------------- actions
	const flash = useCallback((text: string, token: Flash['token'] = UiToken.Success) => setUi(s => ({...s, flash: {text, token, at: clock()}})), [clock]);
	const fail = useCallback((error: unknown) => flash(error instanceof Error ? error.message : String(error), UiToken.Error), [flash]);
	const copy = useCallback(
		(text: string, what: string) => {
			if (props.copy) props.copy(text);
			else stdout.write(osc52(text));
			flash(`copied ${what}`, UiToken.Info);
		},
		[props.copy, stdout, flash],
	);
	const quit = useCallback(() => {
		props.onQuit?.();
		exit();
	}, [props.onQuit, exit]);

	const model = {
		ui,
		machines,
		machine,
		fnItems,
		fnIndex,
		execItems,
		execIndex,
		taskItems,
		taskIndex,
		scheduleItems,
		scheduleIndex,
		execution,
		graph,
		graphLayout,
		graphPath,
		graphRows,
		graphColumns,
		statePaths,
		progress,
		detail,
		detailTop,
		detailRows,
		boxOf,
		functions,
		readOnly,
		backend,
		now,
	};
	const modelRef = useRef(model);
	modelRef.current = model;

	const selectExecution = (arn: string, machineArn?: string, reveal?: string) =>
		setUi(s => {
			const m = modelRef.current;
			const index = machineArn === undefined ? s.machineIndex : Math.max(0, m.machines.findIndex(x => x.arn === machineArn));
			return {
				...s,
				machineIndex: machineArn === undefined || m.machines.some(x => x.arn === machineArn) ? index : m.machines.length,
				lists: {...s.lists, executions: {filter: '', key: arn, index: 0}},
				graph: {...s.graph, path: undefined, top: 0, left: 0, reveal},
				detail: {...s.detail, scroll: 0},
			};
		});

	// A state asked to be revealed is found (by name, in any branch or iteration) once its execution's graph is laid out.
	const reveal = ui.graph.reveal;
	useEffect(() => {
		if (reveal === undefined || !graphLayout) return;
		const open = progress ? [...progress.visits.values()].flat().filter(v => v.name === reveal && v.outcome === 'open') : [];
		const path = open.at(-1)?.path ?? statePaths.find(p => p === reveal || p.endsWith(`/${reveal}`));
		const window = path ? scrollTo(graphLayout, path, {top: 0, left: 0, rows: graphRows, cols: graphColumns}) : {top: 0, left: 0};
		setUi(s => ({...s, graph: {...s.graph, path, top: window.top, left: window.left, reveal: undefined}}));
	}, [reveal, graphLayout, progress, statePaths, graphRows, graphColumns]);

	const runCommand = (command: Command) => {
		const m = modelRef.current;
		switch (command.kind) {
			case 'quit':
				return quit();
			case 'help':
				return setUi(s => ({...s, mode: {kind: 'help', filter: '', scroll: 0}}));
			case 'focus':
				return setUi(s => ({...s, mode: {kind: 'normal'}, focused: command.pane}));
			case 'run':
				return void m.backend.startExecution(command.machine, command.input).then(({executionArn}) => {
					flash(`started ${shortArn(executionArn)}`);
					selectExecution(executionArn, m.machines.find(x => x.name === command.machine || x.arn === command.machine)?.arn);
				}, fail);
			case 'stop': {
				const arn = m.execItems.find(e => e.name === command.execution)?.executionArn ?? command.execution;
				return void m.backend.stopExecution(arn).then(() => flash(`stopped ${shortArn(arn)}`), fail);
			}
			case 'approve':
				return void m.backend.approve(command.token, command.output).then(() => flash(`approved ${shortToken(command.token)}`), fail);
			case 'reject':
				return void m.backend
					.reject(command.token, command.error, command.cause)
					.then(() => flash(`rejected ${shortToken(command.token)}`), fail);
			case 'invoke':
				return invoke(command.functionName, command.payload);
		}
	};

	const invoke = (functionName: string, payload: string) => {
		setUi(s => ({...s, lastInvoke: {functionName, payload}}));
		modelRef.current.backend.invoke(functionName, payload).then(
			result => {
				setUi(s => ({...s, lastInvoke: {functionName, payload, result}}));
				flash(`${functionName}: ${result.functionError ? `FunctionError ${result.functionError}` : `StatusCode ${result.statusCode}`}`, result.functionError ? UiToken.Error : UiToken.Success);
			},
			error => {
				setUi(s => ({...s, lastInvoke: {functionName, payload, error: error instanceof Error ? error.message : String(error)}}));
				fail(error);
			},
		);
	};

	const openSheet = (spec: DialogSpec) => setUi(s => ({...s, mode: {kind: 'dialog', dialog: openDialog(spec)}}));

	const moveList = (pane: ListPane, to: (index: number, count: number, page: number) => number) => {
		const m = modelRef.current;
		const [items, index, key] =
			pane === PaneId.Functions
				? [m.fnItems, m.fnIndex, keyOf.functions]
				: pane === PaneId.Executions
					? [m.execItems, m.execIndex, keyOf.executions]
					: pane === PaneId.Approvals
						? [m.taskItems, m.taskIndex, keyOf.approvals]
						: [m.scheduleItems, m.scheduleIndex, keyOf.schedules];
		const page = Math.max(1, m.boxOf(pane).height - 5);
		const next = to(Math.max(0, index), items.length, page);
		setUi(s => ({
			...s,
			lists: {...s.lists, [pane]: selectIndex(items as readonly unknown[], key as (item: unknown) => string, s.lists[pane], next)},
			...(pane === PaneId.Executions ? {graph: {...s.graph, top: 0, left: 0}, detail: {...s.detail, scroll: 0}} : {}),
		}));
	};

	const moveGraph = (to: (index: number, count: number, page: number) => number) => {
		const m = modelRef.current;
		if (!m.graphLayout || m.statePaths.length === 0) return;
		const current = m.graphPath === undefined ? -1 : m.statePaths.indexOf(m.graphPath);
		const next = Math.max(0, Math.min(m.statePaths.length - 1, to(current, m.statePaths.length, 5)));
		const path = m.statePaths[next];
		const window = scrollTo(m.graphLayout, path, {top: m.ui.graph.top, left: m.ui.graph.left, rows: m.graphRows, cols: m.graphColumns});
		setUi(s => ({...s, graph: {...s.graph, path, top: window.top, left: window.left}, detail: {...s.detail, scroll: 0}}));
	};

	const scrollGraph = (dy: number, dx: number) => {
		const m = modelRef.current;
		if (!m.graphLayout) return;
		const clamp = (value: number, size: number, window: number) => Math.max(0, Math.min(value, Math.max(0, size - window)));
		setUi(s => ({
			...s,
			graph: {
				...s.graph,
				top: clamp(s.graph.top + dy, m.graphLayout!.height, m.graphRows),
				left: clamp(s.graph.left + dx, m.graphLayout!.width, m.graphColumns),
			},
		}));
	};

	const scrollDetail = (to: (top: number, total: number, page: number) => number) => {
		const m = modelRef.current;
		const total = m.detail.lines.length;
		const next = Math.max(0, Math.min(to(m.detailTop, total, m.detailRows), Math.max(0, total - m.detailRows)));
		setUi(s => ({...s, detail: {...s.detail, scroll: next, follow: false}}));
	};

	const navigate = (pane: PaneId, to: (index: number, count: number, page: number) => number) => {
		if (isListPane(pane)) moveList(pane, to);
		else if (pane === PaneId.Graph) moveGraph(to);
		else scrollDetail(to);
	};

	const blockedByReadOnly = (what: string): boolean => {
		if (!modelRef.current.readOnly) return false;
		flash(`read-only: ${what} is off`, UiToken.Warning);
		return true;
	};

	const act = (binding: Binding) => {
		const m = modelRef.current;
		const pane = m.ui.focused;
		if (binding.mutating && blockedByReadOnly(binding.description)) return;
		switch (binding.action) {
			case Action.Quit:
				return quit();
			case Action.Help:
				return setUi(s => ({...s, mode: {kind: 'help', filter: '', scroll: 0}}));
			case Action.Palette:
				return setUi(s => ({...s, mode: {kind: 'palette', text: ''}}));
			case Action.FocusNext:
			case Action.FocusPrevious: {
				const step = binding.action === Action.FocusNext ? 1 : -1;
				return setUi(s => ({...s, focused: paneOrder[(paneOrder.indexOf(s.focused) + step + paneOrder.length) % paneOrder.length]}));
			}
			case Action.Jump:
				return setUi(s => ({...s, focused: binding.pane!}));
			case Action.Zoom:
				return setUi(s => ({...s, zoomed: !s.zoomed}));
			case Action.Filter:
				if (isListPane(pane)) setUi(s => ({...s, mode: {kind: 'filter'}}));
				return;
			case Action.Up:
				return navigate(pane, i => i - 1);
			case Action.Down:
				return navigate(pane, i => i + 1);
			case Action.PageUp:
				return navigate(pane, (i, _n, page) => i - page);
			case Action.PageDown:
				return navigate(pane, (i, _n, page) => i + page);
			case Action.Top:
				return navigate(pane, () => 0);
			case Action.Bottom:
				return navigate(pane, (_i, n) => n - 1);
			case Action.Left:
				return scrollGraph(0, -8);
			case Action.Right:
				return scrollGraph(0, 8);
			case Action.PreviousMachine:
			case Action.NextMachine: {
				const count = m.machines.length + 1;
				const step = binding.action === Action.NextMachine ? 1 : -1;
				return setUi(s => ({
					...s,
					machineIndex: (Math.min(s.machineIndex, count - 1) + step + count) % count,
					lists: {...s.lists, executions: {...s.lists.executions, key: undefined, index: 0}},
					graph: {...s.graph, path: undefined, top: 0, left: 0},
				}));
			}
			case Action.Open:
				if (pane === PaneId.Executions) return setUi(s => ({...s, focused: PaneId.Graph, graph: {...s.graph, path: undefined, top: 0, left: 0}}));
				if (pane === PaneId.Graph) {
					if (m.graphPath === undefined) moveGraph(() => 0);
					return setUi(s => ({...s, focused: PaneId.Detail, detail: {...s.detail, scroll: 0, follow: false}}));
				}
				if (pane === PaneId.Approvals) {
					const task = m.taskItems[m.taskIndex];
					if (!task) return;
					const target = m.backend.execution(task.executionArn);
					selectExecution(task.executionArn, target?.stateMachineArn, task.stateName);
					return setUi(s => ({...s, focused: PaneId.Graph}));
				}
				return;
			case Action.ToggleCollapse: {
				const path = m.graphPath;
				if (!path || !m.graph) return;
				const containers = containerPaths(m.graph);
				// The selected state, or the Map/Parallel it is inside.
				const target = [...containers].reverse().find(c => path === c || path.startsWith(`${c}/`));
				if (!target) return flash('not inside a Map or Parallel', UiToken.Dim);
				return setUi(s => ({
					...s,
					graph: {
						...s.graph,
						path: target,
						collapsed: s.graph.collapsed.includes(target) ? s.graph.collapsed.filter(c => c !== target) : [...s.graph.collapsed, target],
					},
				}));
			}
			case Action.CollapseAll:
				if (m.graph) setUi(s => ({...s, graph: {...s.graph, collapsed: containerPaths(m.graph!).filter(c => !c.includes('/')), top: 0}}));
				return;
			case Action.ExpandAll:
				return setUi(s => ({...s, graph: {...s.graph, collapsed: []}}));
			case Action.ToggleGrouping:
				return setUi(s => ({...s, detail: {...s.detail, grouped: !s.detail.grouped}}));
			case Action.ToggleFollow:
				return setUi(s => ({...s, detail: {...s.detail, follow: !s.detail.follow}}));
			case Action.Copy:
				return copySelection();
			case Action.Invoke:
				return openInvoke();
			case Action.NewExecution:
				return openNewExecution();
			case Action.StopExecution:
				return openStop();
			case Action.Approve:
				return openApprove();
			case Action.Reject:
				return openReject();
		}
	};

	const copySelection = () => {
		const m = modelRef.current;
		switch (m.ui.focused) {
			case PaneId.Functions: {
				const fn = m.fnItems[m.fnIndex];
				return fn && copy(fn.arn, 'function ARN');
			}
			case PaneId.Executions:
			case PaneId.Graph: {
				const arn = m.execution?.executionArn;
				return arn && copy(arn, 'execution ARN');
			}
			case PaneId.Detail:
				return m.detail.copyText !== undefined && copy(m.detail.copyText, 'JSON');
			case PaneId.Approvals: {
				const task = m.taskItems[m.taskIndex];
				return task && copy(task.taskToken, 'task token');
			}
			case PaneId.Schedules: {
				const schedule = m.scheduleItems[m.scheduleIndex];
				return schedule && copy(schedule.target, 'target ARN');
			}
		}
	};

	const jsonStep = (label: string, initial: string | ((values: readonly string[]) => string), fallback = '{}') => ({
		kind: 'text' as const,
		label,
		initial,
		placeholder: `Enter for ${fallback}`,
		validate: (value: string) => {
			const parsed = parseUserJson(value, fallback);
			return parsed.ok ? undefined : parsed.message;
		},
	});
	const json = (value: string) => (parseUserJson(value, '{}') as {json: string}).json;

	const openInvoke = () => {
		const m = modelRef.current;
		const fn = m.fnItems[m.fnIndex];
		if (!fn) return;
		const samples = m.backend.sampleEvents(fn.name);
		const typed = '\u0000typed';
		openSheet({
			title: `Invoke ${fn.name}`,
			steps: [
				{
					kind: 'choice',
					label: 'Payload',
					options: [
						...samples.map(sample => ({label: sample.name, detail: sample.source, value: sample.payload})),
						{label: 'Type JSON…', value: typed},
						...(m.ui.lastInvoke?.functionName === fn.name ? [{label: 'Last payload', detail: m.ui.lastInvoke.payload.slice(0, 40), value: m.ui.lastInvoke.payload}] : []),
					],
				},
				jsonStep('Payload JSON', values => (values[0] === typed ? '{}' : compactJson(values[0]))),
			],
			submit: async values => {
				invoke(fn.name, json(values[1]));
				return `invoking ${fn.name}…`;
			},
		});
	};

	const machineForNew = () => {
		const m = modelRef.current;
		return m.machine ?? m.machines.find(x => x.arn === m.execution?.stateMachineArn) ?? m.machines[0];
	};

	const openNewExecution = () => {
		const m = modelRef.current;
		const target = machineForNew();
		if (!target) return flash('no state machine to start', UiToken.Warning);
		const previous = m.execution?.stateMachineArn === target.arn ? m.execution.input : undefined;
		openSheet({
			title: `New execution of ${target.name}`,
			steps: [jsonStep('Input JSON', previous ? compactJson(previous) : '{}')],
			submit: async values => {
				const {executionArn} = await m.backend.startExecution(target.name, json(values[0]));
				selectExecution(executionArn, target.arn);
				return `started ${shortArn(executionArn)}`;
			},
		});
	};

	const openStop = () => {
		const m = modelRef.current;
		const target = m.execution;
		if (!target) return;
		if (target.status !== 'RUNNING') return flash(`${target.name} is ${target.status}, not running`, UiToken.Warning);
		openSheet({
			title: 'Stop execution',
			steps: [{kind: 'confirm', message: () => `Stop ${target.machineName} execution ${target.name}? (y/n)`}],
			submit: async () => {
				await m.backend.stopExecution(target.executionArn);
				return `stopped ${target.name}`;
			},
		});
	};

	const taskLabel = (task: PendingTask) => `${task.stateName} of ${shortArn(task.executionArn).replace(/^[^:]*:/, '')} (token ${shortToken(task.taskToken)})`;

	const openApprove = () => {
		const m = modelRef.current;
		const task = m.taskItems[m.taskIndex];
		if (!task) return flash('nothing to approve', UiToken.Dim);
		openSheet({
			title: 'Approve (SendTaskSuccess)',
			steps: [jsonStep('Output JSON', ''), {kind: 'confirm', message: values => `Approve ${taskLabel(task)} with ${json(values[0])}? (y/n)`}],
			submit: async values => {
				await m.backend.approve(task.taskToken, json(values[0]));
				return `approved ${task.stateName}`;
			},
		});
	};

	const openReject = () => {
		const m = modelRef.current;
		const task = m.taskItems[m.taskIndex];
		if (!task) return flash('nothing to reject', UiToken.Dim);
		openSheet({
			title: 'Reject (SendTaskFailure)',
			steps: [
				{kind: 'text', label: 'Error (the name a Catch matches)', initial: 'Rejected'},
				{kind: 'text', label: 'Cause', initial: '', placeholder: 'why, for the history'},
				{kind: 'confirm', message: values => `Reject ${taskLabel(task)} with ${values[0] || 'no error'}? (y/n)`},
			],
			submit: async values => {
				await m.backend.reject(task.taskToken, values[0], values[1]);
				return `rejected ${task.stateName}`;
			},
		});
	};

	// ---------------------------------------------------------------- keys
	const handleKey = useCallback((input: string, key: Key) => {
		const name = keyName(input, key);
		if (name === 'ctrl+c') return quit();
		const m = {...modelRef.current, ui: uiRef.current};
		const mode = m.ui.mode;
		switch (mode.kind) {
			case 'help': {
				if (name === 'esc') {
					return setUi(s => ({...s, mode: mode.filter ? {...mode, filter: '', scroll: 0} : {kind: 'normal'}}));
				}
				if (name === 'enter' || (name === '?' && mode.filter === '')) return setUi(s => ({...s, mode: {kind: 'normal'}}));
				const page = Math.max(1, m.boxOf(m.ui.focused).height);
				const scroll = (by: number) => setUi(s => ({...s, mode: {...mode, scroll: Math.max(0, mode.scroll + by)}}));
				if (name === 'up') return scroll(-1);
				if (name === 'down') return scroll(1);
				if (name === 'pgup') return scroll(-page);
				if (name === 'pgdn') return scroll(page);
				const filter = editText(mode.filter, input, key);
				if (filter !== undefined) setUi(s => ({...s, mode: {kind: 'help', filter, scroll: 0}}));
				return;
			}
			case 'palette': {
				if (name === 'esc') return setUi(s => ({...s, mode: {kind: 'normal'}}));
				if (name === 'tab') {
					const options = completions(mode.text, {machines: m.machines.map(x => x.name), functions: m.functions.map(f => f.name)});
					if (options[0]) setUi(s => ({...s, mode: {kind: 'palette', text: `${options[0]} `}}));
					return;
				}
				if (name === 'enter') {
					const parsed = parseCommand(mode.text);
					if (!parsed.ok) return setUi(s => ({...s, mode: {...mode, error: parsed.message}}));
					if (parsed.mutating && m.readOnly) return setUi(s => ({...s, mode: {...mode, error: 'read-only: this command changes things'}}));
					setUi(s => ({...s, mode: {kind: 'normal'}}));
					return runCommand(parsed.command);
				}
				const text = editText(mode.text, input, key);
				if (text !== undefined) setUi(s => ({...s, mode: {kind: 'palette', text}}));
				return;
			}
			case 'dialog': {
				const outcome = dialogKey(mode.dialog, input, key);
				if (outcome.kind === 'cancel') return setUi(s => ({...s, mode: {kind: 'normal'}}));
				if (outcome.kind === 'update') return setUi(s => ({...s, mode: {kind: 'dialog', dialog: outcome.state}}));
				setUi(s => ({...s, mode: {kind: 'normal'}}));
				mode.dialog.spec.submit(outcome.values).then(message => flash(message), fail);
				return;
			}
			case 'filter': {
				const pane = m.ui.focused;
				if (!isListPane(pane)) return setUi(s => ({...s, mode: {kind: 'normal'}}));
				if (name === 'esc') return setUi(s => ({...s, mode: {kind: 'normal'}, lists: {...s.lists, [pane]: {...s.lists[pane], filter: ''}}}));
				if (name === 'enter') return setUi(s => ({...s, mode: {kind: 'normal'}}));
				if (name === 'up') return moveList(pane, i => i - 1);
				if (name === 'down') return moveList(pane, i => i + 1);
				const filter = editText(m.ui.lists[pane].filter, input, key);
				if (filter !== undefined) setUi(s => ({...s, lists: {...s.lists, [pane]: {filter, index: 0, key: undefined}}}));
				return;
			}
			case 'normal': {
				const binding = bindingFor(m.ui.focused, name);
				if (binding) return act(binding);
				if (name === 'esc') {
					// Esc leaves whatever is transient: a kept filter, the zoom.
					const pane = m.ui.focused;
					if (isListPane(pane) && m.ui.lists[pane].filter) {
						return setUi(s => ({...s, lists: {...s.lists, [pane]: {...s.lists[pane], filter: ''}}}));
					}
					if (m.ui.zoomed) return setUi(s => ({...s, zoomed: false}));
					if (m.ui.focused === PaneId.Graph && m.ui.graph.path !== undefined) return setUi(s => ({...s, graph: {...s.graph, path: undefined}}));
				}
				return;
			}
		}
		// Registered once: it reads everything current through modelRef, and a new handler would make Ink resubscribe.
	}, []);
	// Ink hands a burst of input (a paste, or text typed faster than a frame) over as one
	// string, Enter included: split it so the Enter still submits what came before it.
	const onKey = useCallback(
		(input: string, key: Key) => {
			if (input.length < 2 || key.ctrl || key.meta || !/[\r\n]/.test(input)) return handleKey(input, key);
			for (const part of input.split(/(\r\n|\r|\n)/)) {
				if (part === '') continue;
				if (/^[\r\n]+$/.test(part)) handleKey('\r', {...key, return: true});
				else handleKey(part, {...key, return: false});
			}
		},
		[handleKey],
	);
	useInput(onKey);

	// ---------------------------------------------------------------- render
	const focused = ui.focused;
	const filtering = (pane: PaneId) => ui.mode.kind === 'filter' && focused === pane;
	const renderPane = (box: PaneBox) => {
		const common = {number: paneOrder.indexOf(box.pane) + 1, width: box.width, height: box.height, focused: focused === box.pane};
		switch (box.pane) {
			case PaneId.Functions:
				return (
					<FunctionsPane
						key={box.pane}
						{...common}
						functions={fnItems}
						stats={stats}
						selected={fnIndex}
						invocations={invocations}
						lastInvoke={ui.lastInvoke}
						now={now}
						filter={ui.lists.functions.filter}
						filtering={filtering(box.pane)}
						total={functions.length}
					/>
				);
			case PaneId.Executions:
				return (
					<ExecutionsPane
						key={box.pane}
						{...common}
						machines={machines}
						machine={machine}
						executions={execItems}
						selected={execIndex}
						now={now}
						filter={ui.lists.executions.filter}
						filtering={filtering(box.pane)}
						total={allExecutions.length}
					/>
				);
			case PaneId.Graph:
				return (
					<GraphPane
						key={box.pane}
						{...common}
						machineName={execution?.machineName ?? machine?.name}
						execution={execution}
						layout={graphLayout}
						cells={cells}
						selectedPath={graphPath}
						selectedStatus={graphPath !== undefined ? (progress?.statuses[graphPath] ?? {kind: 'notRun'}) : undefined}
						window={graphWindow}
						now={now}
					/>
				);
			case PaneId.Detail:
				return <StepDetailPane key={box.pane} {...common} lines={detail.lines} scroll={detailTop} follow={ui.detail.follow} grouped={ui.detail.grouped} />;
			case PaneId.Approvals:
				return (
					<ApprovalsPane
						key={box.pane}
						{...common}
						tasks={taskItems}
						selected={taskIndex}
						now={now}
						readOnly={readOnly}
						filter={ui.lists.approvals.filter}
						filtering={filtering(box.pane)}
						total={allTasks.length}
					/>
				);
			case PaneId.Schedules:
				return (
					<SchedulesPane
						key={box.pane}
						{...common}
						schedules={scheduleItems}
						fires={fires}
						selected={scheduleIndex}
						now={now}
						filter={ui.lists.schedules.filter}
						filtering={filtering(box.pane)}
						total={allSchedules.length}
					/>
				);
		}
	};

	const running = useMemo(() => allExecutions.reduce((count, e) => count + (e.status === 'RUNNING' ? 1 : 0), 0), [allExecutions]);
	const counts = `${functions.length} functions · ${machines.length} machines · ${running} running · ${allTasks.length} waiting`;
	const header = headerLine({width: layout.width, title: props.title ?? '', counts, readOnly, flash: ui.flash, now});
	const footerMode = ui.mode.kind;
	const footer = footerLine({width: layout.width, pane: focused, readOnly, mode: footerMode});
	const bodyHeight = layout.height - 2;

	let body: ReactNode;
	if (ui.mode.kind === 'help') {
		const lines = helpLines({filter: ui.mode.filter, readOnly, commands, width: layout.width});
		const scroll = Math.min(ui.mode.scroll, Math.max(0, lines.length - bodyHeight));
		body = <Lines lines={fitBlock(lines.slice(scroll), layout.width, bodyHeight)} width={layout.width} height={bodyHeight} />;
	} else {
		body = (
			<Box flexDirection="column" width={layout.width} height={bodyHeight}>
				{layout.tabs && <Lines lines={[tabLine({width: layout.width, focused, badges: {approvals: allTasks.length ? `(${allTasks.length})` : undefined}})]} width={layout.width} />}
				<Box flexDirection="row" width={layout.width}>
					{layout.columns.map((column, index) => (
						<Box key={index} flexDirection="column" width={column.width} flexShrink={0}>
							{column.panes.map(renderPane)}
						</Box>
					))}
				</Box>
			</Box>
		);
	}
	const paletteOptions =
		ui.mode.kind === 'palette' ? completions(ui.mode.text, {machines: machines.map(x => x.name), functions: functions.map(f => f.name)}) : [];

	return (
		<ThemeContext.Provider value={theme}>
			<Box flexDirection="column" width={layout.width} height={layout.height + sheetRows}>
				<Lines lines={[header]} width={layout.width} />
				{body}
				{ui.mode.kind === 'dialog' && <Lines lines={dialogLines(ui.mode.dialog, layout.width)} width={layout.width} />}
				{ui.mode.kind === 'palette' && (
					<Lines lines={paletteLines({text: ui.mode.text, error: ui.mode.error, completions: paletteOptions, commands, width: layout.width})} width={layout.width} />
				)}
				<Lines lines={[footer]} width={layout.width} />
			</Box>
		</ThemeContext.Provider>
	);
}

/** States in reading order (top to bottom, left to right): what j/k walk through. */
function orderedStates(layout: Layout): string[] {
	return layout.nodes
		.filter(n => n.path !== null && n.shape !== NodeShape.Terminal)
		.sort((a, b) => a.y - b.y || a.x - b.x)
		.map(n => n.path!);
}

function compactJson(text: string): string {
	try {
		return JSON.stringify(JSON.parse(text));
	} catch {
		return text;
	}
}
