/**
 * The workbench's few hooks: a data version that moves when the backend says
 * something changed (coalesced outside React to at most one render per
 * `minIntervalMs`, so a burst of engine writes is one frame, not hundreds), the
 * terminal size (re-read on every resize), and a clock that ticks for "3m ago".
 */
import {useStdout} from 'ink';
import {useEffect, useState} from 'react';
import type {WorkbenchBackend} from './backend.js';

/** Ten renders a second at most, however often the backend calls. */
export const MIN_RENDER_INTERVAL_MS = 100;

export function useBackendVersion(backend: WorkbenchBackend, minIntervalMs = MIN_RENDER_INTERVAL_MS): number {
	const [version, setVersion] = useState(0);
	useEffect(() => {
		let timer: NodeJS.Timeout | undefined;
		let last = 0;
		const fire = () => {
			timer = undefined;
			last = Date.now();
			setVersion(v => v + 1);
		};
		const listener = () => {
			if (timer) return;
			timer = setTimeout(fire, Math.max(0, last + minIntervalMs - Date.now()));
		};
		const unsubscribe = backend.subscribe(listener);
		return () => {
			unsubscribe();
			if (timer) clearTimeout(timer);
		};
	}, [backend, minIntervalMs]);
	return version;
}

export interface TerminalSize {
	columns: number;
	rows: number;
}

/** Without a tty (tests, pipes) the size is unknown: 100×30 is a small laptop terminal. */
export const FALLBACK_SIZE: TerminalSize = {columns: 100, rows: 30};

export function useTerminalSize(override?: TerminalSize): TerminalSize {
	const {stdout} = useStdout();
	const read = (): TerminalSize => ({
		columns: stdout.columns || FALLBACK_SIZE.columns,
		rows: stdout.rows || FALLBACK_SIZE.rows,
	});
	const [size, setSize] = useState<TerminalSize>(read);
	useEffect(() => {
		if (override) return;
		const onResize = () => {
			const next = read();
			setSize(current => (current.columns === next.columns && current.rows === next.rows ? current : next));
		};
		stdout.on('resize', onResize);
		onResize();
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, override]);
	return override ?? size;
}

/** The time, refreshed every `everyMs`: relative times and running durations move on their own. */
export function useNow(clock: () => number, everyMs = 1000): number {
	const [now, setNow] = useState(clock);
	useEffect(() => {
		const timer = setInterval(() => setNow(clock()), everyMs);
		return () => clearInterval(timer);
	}, [clock, everyMs]);
	return now;
}
