/**
 * `stratus` with no command: the workbench on the alternate screen, over the live
 * backend of an open workspace, until `q`, `:q` or Ctrl-C. The terminal is given
 * back as it was on every way out (see terminal.ts).
 *
 * While it is open this process is also the engine service (as `stratus serve`):
 * it takes executions queued by `stratus start`, resumes ones whose engine died,
 * and carries out stop requests. Executions still running at quit stay RUNNING in
 * the database, and the next engine resumes them.
 *
 * React and Ink are imported lazily, after choosing React's production build.
 */
import {basename} from 'node:path';
import {EngineService} from '../engine/engineService.js';
import {Scheduler} from '../events/scheduler/index.js';
import type {Workspace} from '../workspace/workspace.js';
import {createLiveBackend} from './liveBackend.js';
import {preferProductionReact, WORKBENCH_RENDER_OPTIONS} from './renderOptions.js';
import {keepYoungGenerationSmall} from './workbenchHeap.js';
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
	preferProductionReact();
	keepYoungGenerationSmall();
	// Ink draws nothing until exit when it believes it runs in CI (the CI variable is set);
	// this is an interactive terminal (checked above), so it must draw. Read when Ink loads.
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
	const [{render}, {createElement}, {App}] = await Promise.all([import('ink'), import('react'), import('./App.js')]);
	const {workspace} = options;
	const backgroundErrors: Error[] = [];
	const backend = createLiveBackend(workspace, {onBackgroundError: error => backgroundErrors.push(error)});
	const service = new EngineService(workspace.engine, workspace.store);
	const scheduler = Scheduler.forWorkspace(workspace);
	const theme = createTheme({colour: wantsColour({noColor: options.noColor})});
	const title = `${workspace.project.stackName}${workspace.paths.template ? ` · ${basename(workspace.paths.template)}` : ''}`;

	let instance: ReturnType<typeof render> | undefined;
	const shutdown = () => {
		service.stop();
		void scheduler.stop();
		backend.close();
		workspace.engine.flush();
	};
	const screen = enterAlternateScreen(stdout, {
		onSignal: signal => {
			instance?.unmount();
			shutdown();
			process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
		},
	});
	try {
		service.start();
		scheduler.start();
		instance = render(createElement(App, {backend, theme, readOnly: options.readOnly, title}), WORKBENCH_RENDER_OPTIONS);
		await instance.waitUntilExit();
	} finally {
		instance?.cleanup();
		shutdown();
		screen.restore();
	}
	for (const error of backgroundErrors) process.stderr.write(`stratus: an execution started from the workbench failed to run: ${error.message}\n`);
}
