/**
 * `stratus run MACHINE|FILE`: a definition file runs as its own machine (named
 * after the file); anything else names a state machine of the project by name,
 * logical id or ARN.
 */
import {existsSync, readFileSync} from 'node:fs';
import {basename} from 'node:path';
import type {StateMachineRef} from '../engine/engine.js';
import {formatProblem, parseDefinition} from '../asl/validate/index.js';
import type {Project} from '../project/model.js';
import {BadInput} from './badInput.js';

export function resolveMachine(project: Project, ref: string, options: {express?: boolean} = {}): StateMachineRef {
	const type = options.express ? 'EXPRESS' : undefined;
	if (existsSync(ref) && /\.(json|asl|ya?ml)$/i.test(ref)) {
		const {definition, problems} = parseDefinition(readFileSync(ref, 'utf8'));
		if (problems.length > 0 || !definition) throw new BadInput(`${ref}: ${formatProblem(problems[0])}`);
		const name = basename(ref).replace(/(\.asl)?\.(json|ya?ml)$/i, '').replace(/[^A-Za-z0-9_-]/g, '-') || 'StateMachine';
		return {
			arn: `arn:aws:states:${project.region}:${project.accountId}:stateMachine:${name}`,
			name,
			type: type ?? 'STANDARD',
			definition,
		};
	}
	const machine = project.stateMachines.find(m => m.name === ref || m.logicalId === ref || m.arn === ref);
	if (!machine) {
		const known = project.stateMachines.map(m => m.name).join(', ') || 'none';
		throw new BadInput(`state machine '${ref}' is neither a definition file nor a machine of the template (known: ${known})`);
	}
	return {arn: machine.arn, name: machine.name, type: type ?? machine.type, definition: machine.definition};
}
