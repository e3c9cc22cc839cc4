/** Every command module registers itself on the yargs tree; the order here is the help order. */
import type {Argv} from 'yargs';
import {executionsCommand} from './executionsCommand.js';
import {functionsCommand} from './functionsCommand.js';
import {historyCommand} from './historyCommand.js';
import {invokeCommand} from './invokeCommand.js';
import {logsCommand} from './logsCommand.js';
import {runCommand} from './runCommand.js';
import {schedulesCommand} from './schedulesCommand.js';
import {serveCommand} from './serveCommand.js';
import {startCommand} from './startCommand.js';
import {stopCommand} from './stopCommand.js';
import {taskCommands} from './taskCommands.js';
import {validateCommand} from './validateCommand.js';
import {versionCommands} from './versionCommands.js';
import {workbenchCommand} from './workbenchCommand.js';
import {workerCommand} from './workerCommand.js';

export const commands: Array<(yargs: Argv) => void> = [
	workbenchCommand,
	runCommand,
	startCommand,
	serveCommand,
	executionsCommand,
	historyCommand,
	stopCommand,
	taskCommands,
	workerCommand,
	functionsCommand,
	invokeCommand,
	logsCommand,
	versionCommands,
	validateCommand,
	schedulesCommand,
];
