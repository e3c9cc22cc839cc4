/**
 * `stratus` with no command: the workbench on the alternate screen, over the live
 * backend of an open workspace, until `q`, `:q` or Ctrl-C. The terminal is given
 * back as it was on every way out (see terminal.ts); executions started from the
 * workbench are left to finish in the background only as long as the process lives,
 * as with `stratus run` interrupted.
 */
import {render} from 'ink';
import {basename} from 'node:path';
import type {Workspace} from '../workspace/workspace.js';
import {App} from './App.js';
import {createLiveBackend} from './liveBackend.js';
import {enterAlternateScreen} from './terminal.js';
import {createTheme, wantsColour} from './theme.js';

export interface WorkbenchOptions {
	workspace: Workspace;
	readOnly?: boolean;
	noColor?: boolean;
}

export async function startWorkbench(options: WorkbenchOptions): Promise<void> {
	const stdin = process.stdin;
	const stdout = process.stdout;
	if (!stdin.isTTY || !stdout.isTTY) {
		throw new Error('the workbench needs an interactive terminal; use the headless commands (stratus run, executions, approve, …) in scripts');
	}
	const {workspace} = options;
	const backgroundErrors: Error[] = [];
	const backend = createLiveBackend(workspace, {onBackgroundError: error => backgroundErrors.push(error)});
	const theme = createTheme({colour: wantsColour({noColor: options.noColor})});
	const title = `${workspace.project.stackName}${workspace.paths.template ? ` · ${basename(workspace.paths.template)}` : ''}`;

	let instance: ReturnType<typeof render> | undefined;
	const screen = enterAlternateScreen(stdout, {
		onSignal: signal => {
			instance?.unmount();
			backend.close();
			process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
		},
	});
	try {
		// One row shorter than the terminal (the App sizes itself so): Ink clears the whole
		// screen on every frame that fills it, which flickers.
		instance = render(<App backend={backend} theme={theme} readOnly={options.readOnly} title={title} />, {
			exitOnCtrlC: false,
			incrementalRendering: true,
			patchConsole: true,
			maxFps: 30,
		});
		await instance.waitUntilExit();
	} finally {
		instance?.cleanup();
		backend.close();
		screen.restore();
	}
	for (const error of backgroundErrors) process.stderr.write(`stratus: an execution started from the workbench failed to run: ${error.message}\n`);
}
