/**
 * A state machine and the machines nested in it (Parallel branches, Map item
 * processors): their own fields, their state names (unique across the whole
 * definition), and the transition graph of each scope.
 */
import {QueryLanguage} from '../definition.js';
import {checkFields, checkNumber, checkString, requireField} from './fieldChecks.js';
import {has, isObject, type JsonObject} from './jsonValue.js';
import {checkProcessorConfig} from './mapState.js';
import {ProblemCode, toPointer, type ProblemList, type Segments} from './problem.js';
import {MachineKind} from './stateContext.js';
import {checkQueryLanguageValue, checkState} from './stateChecks.js';
import {checkTransitions, type Target} from './transitions.js';

const MACHINE_FIELDS: Readonly<Record<MachineKind, ReadonlySet<string>>> = {
	Top: new Set(['Comment', 'StartAt', 'States', 'QueryLanguage', 'TimeoutSeconds', 'Version']),
	// A branch or item processor is not a state and inherits the machine's language: AWS
	// refuses a QueryLanguage on it.
	Branch: new Set(['Comment', 'StartAt', 'States']),
	ItemProcessor: new Set(['Comment', 'StartAt', 'States', 'ProcessorConfig']),
};

const MAX_STATE_NAME_LENGTH = 80;
const MAX_EXECUTION_SECONDS = 99_999_999;

interface Walk {
	problems: ProblemList;
	topLanguage: QueryLanguage;
	/** Every state name met so far, in any scope, and where it was first defined. */
	names: Map<string, Segments>;
}

export function checkDefinition(definition: unknown, problems: ProblemList): void {
	if (!isObject(definition)) {
		problems.schema([], 'A state machine definition must be a JSON object');
		return;
	}
	const walk: Walk = {problems, topLanguage: topLanguage(definition, problems), names: new Map()};
	checkMachine(definition, [], walk, MachineKind.Top);
}

/** The machine's language; anything but absent or exactly "JSONPath" evaluates as JSONata. */
function topLanguage(definition: JsonObject, problems: ProblemList): QueryLanguage {
	if (!has(definition, 'QueryLanguage') || definition.QueryLanguage === QueryLanguage.JSONPath) return QueryLanguage.JSONPath;
	checkQueryLanguageValue(definition.QueryLanguage, ['QueryLanguage'], problems);
	return QueryLanguage.JSONata;
}

function checkMachine(machine: unknown, at: Segments, walk: Walk, kind: MachineKind): void {
	const {problems} = walk;
	if (!isObject(machine)) {
		problems.schema(at, 'Expected value of type [OBJECT]');
		return;
	}
	const usable = checkFields(machine, MACHINE_FIELDS[kind], at, problems, undefined);
	if (usable.has('Comment')) checkString(machine.Comment, [...at, 'Comment'], problems);
	if (usable.has('Version')) checkString(machine.Version, [...at, 'Version'], problems);
	if (usable.has('TimeoutSeconds')) {
		checkNumber(machine.TimeoutSeconds, [...at, 'TimeoutSeconds'], problems, {integer: true, min: 0, max: MAX_EXECUTION_SECONDS});
	}
	if (usable.has('ProcessorConfig')) checkProcessorConfig(machine.ProcessorConfig, [...at, 'ProcessorConfig'], walk);

	const targets: Target[] = [];
	const startAt = requireField(machine, 'StartAt', at, problems) && checkString(machine.StartAt, [...at, 'StartAt'], problems);
	if (startAt) targets.push({name: machine.StartAt as string, at: [...at, 'StartAt'], field: 'StartAt'});
	if (!requireField(machine, 'States', at, problems)) return;
	const states = machine.States;
	const statesAt = [...at, 'States'];
	if (!isObject(states)) {
		problems.schema(statesAt, 'Expected value of type [OBJECT]');
		return;
	}
	const scope = {
		problems,
		topLanguage: walk.topLanguage,
		targets,
		checkNested: (nested: unknown, nestedAt: Segments, nestedKind: MachineKind) => checkMachine(nested, nestedAt, walk, nestedKind),
	};
	for (const [name, state] of Object.entries(states)) {
		checkStateName(name, [...statesAt, name], walk);
		checkState(state, [...statesAt, name], scope);
	}
	// Without a StartAt every state would read as unreachable; one problem is enough.
	if (startAt) checkTransitions(states, statesAt, targets, problems, kind === MachineKind.Top);
}

function checkStateName(name: string, at: Segments, walk: Walk): void {
	const length = [...name].length;
	if (length === 0 || length > MAX_STATE_NAME_LENGTH) {
		walk.problems.add(
			ProblemCode.InvalidStateName,
			at,
			`State names must be 1 to ${MAX_STATE_NAME_LENGTH} characters long (this one has ${length})`,
		);
	}
	const first = walk.names.get(name);
	if (first) {
		walk.problems.add(
			ProblemCode.DuplicateStateName,
			at,
			`Duplicate state name '${name}' (also at ${toPointer(first)}): names must be unique in the whole state machine`,
		);
	} else {
		walk.names.set(name, at);
	}
}
