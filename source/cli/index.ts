/** Every command module registers itself on the yargs tree; the order here is the help order. */
import type {Argv} from 'yargs';
import {executionsCommand} from './executionsCommand.js';
import {historyCommand} from './historyCommand.js';
import {runCommand} from './runCommand.js';
import {schedulesCommand} from './schedulesCommand.js';
import {serveCommand} from './serveCommand.js';
import {startCommand} from './startCommand.js';
import {stopCommand} from './stopCommand.js';
import {taskCommands} from './taskCommands.js';
import {validateCommand} from './validateCommand.js';
import {workerCommand} from './workerCommand.js';

export const commands: Array<(yargs: Argv) => void> = [
	runCommand,
	startCommand,
	serveCommand,
	executionsCommand,
	historyCommand,
	stopCommand,
	taskCommands,
	workerCommand,
	validateCommand,
	schedulesCommand,
];
