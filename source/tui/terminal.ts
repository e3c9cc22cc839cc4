/**
 * The terminal around the workbench: the alternate screen (so quitting gives the
 * shell back as it was), restored on every way out (quit, Ctrl-C, SIGTERM/SIGHUP,
 * an uncaught exception), and the clipboard through OSC 52, which terminals (and
 * ssh sessions) pass to the local clipboard.
 */
export const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h\u001b[H\u001b[2J';
export const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
export const SHOW_CURSOR = '\u001b[?25h';

/** OSC 52 "set clipboard" with the text base64-encoded. */
export function osc52(text: string): string {
	return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

export interface AlternateScreen {
	/** Leaves the alternate screen and shows the cursor; safe to call any number of times. */
	restore(): void;
}

/**
 * Enters the alternate screen and arranges for it to be left on every exit path.
 * `onSignal` runs after the screen is restored when SIGTERM, SIGHUP or SIGINT arrive
 * (SIGINT only reaches us when stdin is not in raw mode).
 */
export function enterAlternateScreen(
	stream: NodeJS.WriteStream,
	options: {onSignal?: (signal: NodeJS.Signals) => void; onFatal?: (error: unknown) => void} = {},
): AlternateScreen {
	let active = true;
	const restore = () => {
		if (!active) return;
		active = false;
		process.off('exit', restore);
		for (const [signal, handler] of signalHandlers) process.off(signal, handler);
		process.off('uncaughtException', fatal);
		process.off('unhandledRejection', fatal);
		stream.write(LEAVE_ALTERNATE_SCREEN + SHOW_CURSOR);
	};
	const fatal = (error: unknown) => {
		restore();
		if (options.onFatal) options.onFatal(error);
		else {
			process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
			process.exit(1);
		}
	};
	const signalHandlers: Array<[NodeJS.Signals, () => void]> = (['SIGTERM', 'SIGHUP', 'SIGINT'] as const).map(signal => [
		signal,
		() => {
			restore();
			if (options.onSignal) options.onSignal(signal);
			else process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
		},
	]);
	stream.write(ENTER_ALTERNATE_SCREEN);
	process.on('exit', restore);
	for (const [signal, handler] of signalHandlers) process.on(signal, handler);
	process.on('uncaughtException', fatal);
	process.on('unhandledRejection', fatal);
	return {restore};
}
