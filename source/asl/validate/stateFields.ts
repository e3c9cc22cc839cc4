/**
 * Which fields each state type accepts, and which belong to only one query language.
 * A field a type never has is "not supported" whatever the language (AWS refuses Catch
 * on a Pass state even in JSONata); a field the type has in the other language gets
 * AWS's query-language message instead.
 */
import {QueryLanguage, StateType} from '../definition.js';

const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const FLOW = ['Next', 'End'];
const IO = ['InputPath', 'OutputPath', 'Output'];
const RESULT = ['ResultPath', 'Parameters', 'ResultSelector', 'Arguments'];
const ERRORS = ['Retry', 'Catch'];

export const STATE_FIELDS: Readonly<Record<StateType, ReadonlySet<string>>> = {
	Pass: new Set([...COMMON, ...FLOW, ...IO, 'Assign', 'Result', 'ResultPath', 'Parameters']),
	Task: new Set([
		...COMMON,
		...FLOW,
		...IO,
		...RESULT,
		...ERRORS,
		'Assign',
		'Resource',
		'TimeoutSeconds',
		'TimeoutSecondsPath',
		'HeartbeatSeconds',
		'HeartbeatSecondsPath',
		'Credentials',
	]),
	Choice: new Set([...COMMON, ...IO, 'Assign', 'Choices', 'Default']),
	Wait: new Set([...COMMON, ...FLOW, ...IO, 'Assign', 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath']),
	// Succeed and Fail end the execution, so they assign nothing (AWS lists Assign only
	// for Pass, Task, Choice, Wait, Parallel and Map); Fail has no input/output at all.
	Succeed: new Set([...COMMON, ...IO]),
	Fail: new Set([...COMMON, 'Error', 'ErrorPath', 'Cause', 'CausePath']),
	Parallel: new Set([...COMMON, ...FLOW, ...IO, ...RESULT, ...ERRORS, 'Assign', 'Branches']),
	Map: new Set([
		...COMMON,
		...FLOW,
		...IO,
		'ResultPath',
		'Parameters',
		'ResultSelector',
		...ERRORS,
		'Assign',
		'ItemProcessor',
		'Iterator',
		'ItemsPath',
		'Items',
		'ItemSelector',
		'ItemReader',
		'ItemBatcher',
		'ResultWriter',
		'MaxConcurrency',
		'MaxConcurrencyPath',
		'ToleratedFailurePercentage',
		'ToleratedFailurePercentagePath',
		'ToleratedFailureCount',
		'ToleratedFailureCountPath',
		'Label',
	]),
};

/** Fields that exist only in JSONPath states (as measured against AWS). */
export const JSONPATH_ONLY: ReadonlySet<string> = new Set([
	'InputPath',
	'OutputPath',
	'ResultPath',
	'Parameters',
	'ResultSelector',
	'Result',
	'ItemsPath',
	'TimeoutSecondsPath',
	'HeartbeatSecondsPath',
	'SecondsPath',
	'TimestampPath',
	'MaxConcurrencyPath',
	'ToleratedFailurePercentagePath',
	'ToleratedFailureCountPath',
	'ErrorPath',
	'CausePath',
	'Variable',
	'MaxItemsPath',
	'MaxItemsPerBatchPath',
	'MaxInputBytesPerBatchPath',
]);

/** Fields that exist only in JSONata states. `Assign` is in both. */
export const JSONATA_ONLY: ReadonlySet<string> = new Set(['Arguments', 'Output', 'Items', 'Condition']);

export function languageOnlyMessage(field: string, language: QueryLanguage): string | undefined {
	const other = language === QueryLanguage.JSONata ? QueryLanguage.JSONPath : QueryLanguage.JSONata;
	const foreign = language === QueryLanguage.JSONata ? JSONPATH_ONLY : JSONATA_ONLY;
	if (!foreign.has(field)) return undefined;
	return `The QueryLanguage is set to '${language}', but field '${field}' is only supported for the '${other}' QueryLanguage`;
}

export const STATE_TYPES: readonly string[] = Object.values(StateType);
