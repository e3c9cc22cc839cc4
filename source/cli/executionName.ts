/** A chosen execution name must be free: AWS answers ExecutionAlreadyExists, the CLI names the flag. */
import type {StateMachineRef} from '../engine/engine.js';
import {BadInput} from '../workspace/badInput.js';
import type {Workspace} from '../workspace/workspace.js';

export function assertNameFree(workspace: Workspace, machine: StateMachineRef, name: string | undefined): void {
	if (name === undefined) return;
	const arn = workspace.engine.executionArn(machine, name);
	if (workspace.store.has(arn)) throw new BadInput(`--name: ExecutionAlreadyExists: an execution named '${name}' already exists (${arn})`);
}
