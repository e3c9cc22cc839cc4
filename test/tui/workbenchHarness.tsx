/**
 * Renders the workbench into a fake terminal whose size tests choose (and change:
 * `resize` emits the event a real terminal's stdout does), feeds it keys, and waits
 * for frames. ink-testing-library's terminal is fixed at 100 columns with no rows,
 * which cannot test the three layouts; this one can.
 */
import {render} from 'ink';
import {EventEmitter} from 'node:events';
import type {WorkbenchBackend} from '../../source/tui/backend.js';
import {App} from '../../source/tui/App.js';
import {createTheme} from '../../source/tui/theme.js';
import {FakeStdin} from './fakeStdin.js';

export const keys = {
	tab: '\t',
	shiftTab: '\u001b[Z',
	enter: '\r',
	escape: '\u001b',
	up: '\u001b[A',
	down: '\u001b[B',
	right: '\u001b[C',
	left: '\u001b[D',
	pageDown: '\u001b[6~',
	backspace: '\u007f',
	ctrlC: '\u0003',
	ctrlU: '\u0015',
} as const;

class FakeStdout extends EventEmitter {
	frames: string[] = [];
	isTTY = true;
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}
	write = (data: string) => {
		this.frames.push(data);
		return true;
	};
}

export interface Workbench {
	stdout: FakeStdout;
	lastFrame(): string;
	/** Writes keys one at a time, each after the previous one's frame. */
	press(...sequence: string[]): Promise<void>;
	waitFor(expectation: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
	resize(columns: number, rows: number): void;
	copied: string[];
	quit: Promise<void>;
	unmount(): void;
}

export async function renderWorkbench(
	backend: WorkbenchBackend,
	options: {columns?: number; rows?: number; readOnly?: boolean; clock?: () => number; osc52?: boolean} = {},
): Promise<Workbench> {
	const stdout = new FakeStdout(options.columns ?? 160, options.rows ?? 48);
	const stdin = new FakeStdin();
	const copied: string[] = [];
	let quitResolve!: () => void;
	const quit = new Promise<void>(resolve => (quitResolve = resolve));
	const instance = render(
		<App
			backend={backend}
			theme={createTheme({colour: false})}
			readOnly={options.readOnly}
			title="test"
			clock={options.clock}
			copy={options.osc52 ? undefined : text => copied.push(text)}
			onQuit={quitResolve}
		/>,
		{
			stdout: stdout as unknown as NodeJS.WriteStream,
			stdin: stdin as unknown as NodeJS.ReadStream,
			stderr: stdout as unknown as NodeJS.WriteStream,
			debug: true,
			exitOnCtrlC: false,
			patchConsole: false,
		},
	);
	const frames = () => stdout.frames.filter(f => !f.startsWith('\u001b]52'));
	const lastFrame = () => frames()[frames().length - 1] ?? '';
	const waitFor = async (expectation: string | RegExp | ((frame: string) => boolean), timeoutMs = 4000) => {
		const test =
			typeof expectation === 'string' ? (f: string) => f.includes(expectation) : expectation instanceof RegExp ? (f: string) => expectation.test(f) : expectation;
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const frame = lastFrame();
			if (test(frame)) return frame;
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(expectation)}; last frame:\n${frame}`);
			await new Promise(resolve => setTimeout(resolve, 5));
		}
	};
	// Keys written before the input handler subscribes are lost: wait for the first frame.
	await waitFor(frame => frame.includes('stratus'));
	await new Promise(resolve => setImmediate(resolve));
	return {
		stdout,
		lastFrame,
		async press(...sequence: string[]) {
			for (const key of sequence) {
				const before = stdout.frames.length;
				stdin.write(key);
				// An Escape alone is held back one tick by Ink's parser (it may start a sequence).
				if (key === keys.escape) await new Promise(resolve => setTimeout(resolve, 5));
				const deadline = Date.now() + 1000;
				while (stdout.frames.length === before && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 2));
			}
		},
		waitFor,
		resize(columns: number, rows: number) {
			stdout.columns = columns;
			stdout.rows = rows;
			stdout.emit('resize');
		},
		copied,
		quit,
		unmount() {
			instance.unmount();
			instance.cleanup();
		},
	};
}

/** The number and title of the pane drawn with the heavy (focused) frame. */
export function focusedPane(frame: string): string | undefined {
	return /[┏━] (\d) ([A-Z][a-z]+(?: [a-z]+)?)/.exec(frame)?.slice(1, 3).join(' ');
}

/** The inside of the pane whose top border names `title`, one string per row (the three-column frame shares lines). */
export function paneText(frame: string, title: string): string {
	const lines = frame.split('\n').map(line => [...line]);
	for (let y = 0; y < lines.length; y++) {
		const text = lines[y].join('');
		const at = text.indexOf(title);
		if (at < 0 || !/[─━]/.test(text)) continue;
		const column = [...text.slice(0, at)].length;
		let start = column;
		while (start > 0 && !'╭┏'.includes(lines[y][start])) start--;
		let end = column;
		while (end < lines[y].length && !'╮┓'.includes(lines[y][end])) end++;
		const rows: string[] = [];
		for (let row = y + 1; row < lines.length && !'╰┗'.includes(lines[row][start] ?? '╰'); row++) rows.push(lines[row].slice(start + 1, end).join(''));
		return rows.join('\n');
	}
	throw new Error(`no pane titled ${title} in:\n${frame}`);
}
