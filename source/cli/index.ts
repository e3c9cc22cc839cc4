/** Every command module registers itself on the yargs tree; the order here is the help order. */
import type {Argv} from 'yargs';
import {executionsCommand} from './executionsCommand.js';
import {historyCommand} from './historyCommand.js';
import {runCommand} from './runCommand.js';
import {schedulesCommand} from './schedulesCommand.js';
import {validateCommand} from './validateCommand.js';

export const commands: Array<(yargs: Argv) => void> = [runCommand, executionsCommand, historyCommand, validateCommand, schedulesCommand];
