/** `stratus serve`: the engine headless, until interrupted. */
import type {Argv} from 'yargs';
import {EngineService} from '../engine/engineService.js';
import {Scheduler} from '../events/scheduler/index.js';
import {openWorkspace} from '../workspace/workspace.js';
import {workspaceOptions, type GlobalArgs} from './globalOptions.js';

interface ServeArgs extends GlobalArgs {
	'time-skip'?: boolean;
}

export function serveCommand(yargs: Argv): void {
	yargs.command<ServeArgs>(
		'serve',
		'Run the engine headless: queued starts, timers, schedules, resumes RUNNING executions',
		y => y.option('time-skip', {type: 'boolean', describe: 'run Waits and back-off in virtual time'}) as Argv<ServeArgs>,
		async args => {
			const workspace = openWorkspace({...workspaceOptions(args), timeSkip: args['time-skip']});
			const service = new EngineService(workspace.engine, workspace.store);
			service.start();
			// The function service runs the queue of asynchronous invokes (`stratus invoke --async`, schedules).
			workspace.functions();
			const scheduler = Scheduler.forWorkspace(workspace);
			scheduler.start();
			process.stderr.write(`stratus: serving ${workspace.paths.db} (pid ${process.pid})\n`);
			await new Promise<void>(resolve => {
				const shutdown = () => resolve();
				process.once('SIGINT', shutdown);
				process.once('SIGTERM', shutdown);
			});
			// Executions stay RUNNING in the database; the next engine resumes them.
			service.stop();
			await scheduler.stop();
			await workspace.close();
			process.exit(0);
		},
	);
}
