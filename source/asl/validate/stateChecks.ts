/**
 * One state: its type, the query language it evaluates in, which fields it may carry,
 * how it moves on (Next or End), and the fields particular to its type.
 */
import {QueryLanguage, StateType} from '../definition.js';
import {checkChoices} from './choiceRules.js';
import {
	atMostOne,
	checkAssign,
	checkFields,
	checkNumber,
	checkObject,
	checkPath,
	checkString,
	checkTemplate,
	isTimestamp,
	requireField,
} from './fieldChecks.js';
import {isValidIntrinsic, looksLikeIntrinsic} from './intrinsicSyntax.js';
import {has, isObject, type JsonObject} from './jsonValue.js';
import {checkJsonataValue, isJsonataString} from './jsonataSyntax.js';
import {checkMapState} from './mapState.js';
import {PathKind, isValidPath} from './pathSyntax.js';
import {ProblemCode, type ProblemList, type Segments} from './problem.js';
import {checkCatch, checkRetry} from './retryCatch.js';
import {MachineKind, fieldAt, type StateContext} from './stateContext.js';
import {STATE_FIELDS, STATE_TYPES} from './stateFields.js';
import type {Target} from './transitions.js';

/** Step Functions' upper bound on timeouts and waits, in seconds. */
const MAX_SECONDS = 99_999_999;

// Lenient on purpose: `arn:partition:service:region:account:resource`, where region and
// account may be empty (`arn:aws:states:::lambda:invoke`).
const ARN = /^arn:[^:\s]+:[^:\s]+:[^:\s]*:[^:\s]*:\S+/;

const WAIT_FIELDS = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'];

export interface StateScope {
	problems: ProblemList;
	topLanguage: QueryLanguage;
	targets: Target[];
	checkNested(machine: unknown, at: Segments, kind: MachineKind): void;
}

export function checkState(value: unknown, at: Segments, scope: StateScope): void {
	const {problems} = scope;
	if (!isObject(value)) {
		problems.schema(at, 'Expected value of type [OBJECT]');
		return;
	}
	if (!requireField(value, 'Type', at, problems)) return;
	if (typeof value.Type !== 'string' || !STATE_TYPES.includes(value.Type)) {
		problems.schema([...at, 'Type'], `Value should be one of the following: [${STATE_TYPES.join(', ')}]`);
		return;
	}
	const type = value.Type as StateType;
	const {language, downgraded} = stateLanguage(value, at, scope);
	// A state that reverts to JSONPath under a JSONata machine gets that one diagnostic,
	// not one per field of the other language as well (AWS does the same).
	const usable = checkFields(value, STATE_FIELDS[type], at, problems, downgraded ? undefined : language);
	const context: StateContext = {
		state: value,
		at,
		language,
		usable,
		problems,
		targets: scope.targets,
		checkNested: scope.checkNested,
	};
	if (usable.has('Comment')) checkString(value.Comment, fieldAt(context, 'Comment'), problems);
	checkFlow(context, type);
	checkDataFlow(context);
	switch (type) {
		case StateType.Task:
			checkTaskState(context);
			break;
		case StateType.Choice:
			if (requireField(value, 'Choices', at, problems)) {
				checkChoices(value.Choices, fieldAt(context, 'Choices'), problems, language, scope.targets);
			}
			if (usable.has('Default') && checkString(value.Default, fieldAt(context, 'Default'), problems)) {
				scope.targets.push({name: value.Default, at: fieldAt(context, 'Default'), field: 'Default'});
			}
			break;
		case StateType.Wait:
			checkWaitState(context);
			break;
		case StateType.Fail:
			checkFailState(context);
			break;
		case StateType.Parallel:
			checkParallelState(context);
			break;
		case StateType.Map:
			checkMapState(context);
			break;
		case StateType.Pass:
		case StateType.Succeed:
			break;
	}
}

/**
 * The language a state evaluates in. AWS inherits the machine's top-level language (not
 * the enclosing Map's or Parallel's), treats any value other than exactly "JSONPath" as
 * JSONata, and refuses to revert a JSONata machine's state to JSONPath.
 */
function stateLanguage(state: JsonObject, at: Segments, scope: StateScope): {language: QueryLanguage; downgraded: boolean} {
	if (!has(state, 'QueryLanguage')) return {language: scope.topLanguage, downgraded: false};
	const value = state.QueryLanguage;
	if (value === QueryLanguage.JSONPath) {
		if (scope.topLanguage !== QueryLanguage.JSONata) return {language: QueryLanguage.JSONPath, downgraded: false};
		scope.problems.schema(
			[...at, 'QueryLanguage'],
			"'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
		);
		return {language: QueryLanguage.JSONPath, downgraded: true};
	}
	checkQueryLanguageValue(value, [...at, 'QueryLanguage'], scope.problems);
	return {language: QueryLanguage.JSONata, downgraded: false};
}

export function checkQueryLanguageValue(value: unknown, at: Segments, problems: ProblemList): void {
	if (typeof value !== 'string') problems.schema(at, 'Expected value of type [STRING]');
	else if (value !== QueryLanguage.JSONPath && value !== QueryLanguage.JSONata) {
		problems.schema(at, 'Value should be one of the following: [JSONPath, JSONata]');
	}
}

/** Every state but Choice, Succeed and Fail names its successor or ends the machine. */
function checkFlow(context: StateContext, type: StateType): void {
	if (type === StateType.Choice || type === StateType.Succeed || type === StateType.Fail) return;
	const {state, problems} = context;
	const hasNext = has(state, 'Next');
	if (has(state, 'End') && typeof state.End !== 'boolean') {
		problems.schema(fieldAt(context, 'End'), 'Expected value of type [BOOLEAN]');
	}
	if (hasNext && checkString(state.Next, fieldAt(context, 'Next'), problems)) {
		context.targets.push({name: state.Next, at: fieldAt(context, 'Next'), field: 'Next'});
	}
	if (hasNext && state.End === true) {
		problems.schema(context.at, "A state cannot have both 'Next' and 'End': true");
	} else if (!hasNext && state.End !== true) {
		problems.schema(context.at, "A state must have either 'Next' or 'End': true");
	}
}

/** Fields that shape a state's input and output, common to several types. */
function checkDataFlow(context: StateContext): void {
	const {state, usable, language, problems} = context;
	const jsonPath = language === QueryLanguage.JSONPath;
	for (const field of ['InputPath', 'OutputPath']) {
		if (jsonPath && usable.has(field)) checkPath(state[field], field, fieldAt(context, field), problems, PathKind.Path, true);
	}
	if (jsonPath && usable.has('ResultPath')) {
		checkPath(state.ResultPath, 'ResultPath', fieldAt(context, 'ResultPath'), problems, PathKind.ResultPath, true);
	}
	// Map's Parameters is its legacy ItemSelector, judged with the Map's own fields.
	if (jsonPath && usable.has('Parameters') && state.Type !== StateType.Map) {
		checkTemplate(state.Parameters, fieldAt(context, 'Parameters'), problems, language);
	}
	if (jsonPath && usable.has('ResultSelector')) {
		checkTemplate(state.ResultSelector, fieldAt(context, 'ResultSelector'), problems, language);
	}
	if (!jsonPath) {
		for (const field of ['Arguments', 'Output']) {
			if (usable.has(field)) checkJsonataValue(state[field], fieldAt(context, field), problems, {errorOutput: false});
		}
	}
	if (usable.has('Assign')) checkAssign(state.Assign, fieldAt(context, 'Assign'), problems, language);
	if (usable.has('Retry')) checkRetry(state.Retry, fieldAt(context, 'Retry'), problems);
	if (usable.has('Catch')) checkCatch(state.Catch, fieldAt(context, 'Catch'), problems, language, context.targets);
}

function checkTaskState(context: StateContext): void {
	const {state, usable, language, problems} = context;
	if (requireField(state, 'Resource', context.at, problems) && checkString(state.Resource, fieldAt(context, 'Resource'), problems)) {
		if (!ARN.test(state.Resource)) {
			problems.add(ProblemCode.InvalidResource, fieldAt(context, 'Resource'), `'${state.Resource}' is not a valid resource ARN`);
		}
	}
	for (const field of ['TimeoutSeconds', 'HeartbeatSeconds']) {
		if (usable.has(field)) {
			checkNumber(state[field], fieldAt(context, field), problems, {integer: true, min: 1, max: MAX_SECONDS, language});
		}
		const pathField = `${field}Path`;
		if (usable.has(pathField)) {
			checkPath(state[pathField], pathField, fieldAt(context, pathField), problems, PathKind.ReferencePath);
		}
		atMostOne(usable, [field, pathField], context.at, problems);
	}
	const {TimeoutSeconds: timeout, HeartbeatSeconds: heartbeat} = state;
	if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
		problems.schema(fieldAt(context, 'HeartbeatSeconds'), `must be smaller than TimeoutSeconds (${timeout})`);
	}
	if (usable.has('Credentials') && checkObject(state.Credentials, fieldAt(context, 'Credentials'), problems)) {
		checkTemplate(state.Credentials, fieldAt(context, 'Credentials'), problems, language);
	}
}

function checkWaitState(context: StateContext): void {
	const {state, usable, language, problems} = context;
	const given = WAIT_FIELDS.filter(field => usable.has(field));
	if (given.length !== 1 && WAIT_FIELDS.filter(field => has(state, field)).length !== 1) {
		problems.schema(
			context.at,
			`A Wait state must have exactly one of ${WAIT_FIELDS.map(field => `'${field}'`).join(', ')}` +
				(given.length > 1 ? `, found: ${given.join(', ')}` : ''),
		);
	}
	if (usable.has('Seconds')) {
		checkNumber(state.Seconds, fieldAt(context, 'Seconds'), problems, {integer: true, min: 0, max: MAX_SECONDS, language});
	}
	if (usable.has('Timestamp')) {
		const timestamp = state.Timestamp;
		if (language === QueryLanguage.JSONata && isJsonataString(timestamp)) {
			checkJsonataValue(timestamp, fieldAt(context, 'Timestamp'), problems, {errorOutput: false});
		} else if (!isTimestamp(timestamp)) {
			problems.schema(fieldAt(context, 'Timestamp'), 'String does not match RFC3339 timestamp');
		}
	}
	for (const field of ['SecondsPath', 'TimestampPath']) {
		if (usable.has(field)) checkPath(state[field], field, fieldAt(context, field), problems, PathKind.ReferencePath);
	}
}

function checkFailState(context: StateContext): void {
	const {state, usable, language, problems} = context;
	for (const field of ['Error', 'Cause']) {
		if (!usable.has(field) || !checkString(state[field], fieldAt(context, field), problems)) continue;
		if (language === QueryLanguage.JSONata) checkJsonataValue(state[field], fieldAt(context, field), problems, {errorOutput: false});
	}
	for (const field of ['ErrorPath', 'CausePath']) {
		if (usable.has(field) && !isPathOrIntrinsic(state[field])) {
			problems.schema(
				fieldAt(context, field),
				`The value for the field '${field}' must be a valid reference path or a valid intrinsic function call`,
			);
		}
	}
	atMostOne(usable, ['Error', 'ErrorPath'], context.at, problems);
	atMostOne(usable, ['Cause', 'CausePath'], context.at, problems);
}

function isPathOrIntrinsic(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	return looksLikeIntrinsic(value) ? isValidIntrinsic(value) : isValidPath(value, PathKind.ReferencePath);
}

function checkParallelState(context: StateContext): void {
	const {state, problems} = context;
	if (!requireField(state, 'Branches', context.at, problems)) return;
	const branches = state.Branches;
	if (!Array.isArray(branches) || branches.length === 0) {
		problems.schema(fieldAt(context, 'Branches'), 'must be a non-empty array of state machines');
		return;
	}
	branches.forEach((branch, index) => context.checkNested(branch, [...context.at, 'Branches', index], MachineKind.Branch));
}
