/**
 * The Map state's own fields: its item processor (or the legacy Iterator), where items
 * come from (ItemsPath, Items, ItemReader), how they are shaped and batched, the
 * concurrency and failure tolerance, and the ResultWriter of distributed maps.
 */
import {QueryLanguage} from '../definition.js';
import {
	atMostOne,
	checkEnum,
	checkFields,
	checkNumber,
	checkObject,
	checkPath,
	checkString,
	checkTemplate,
	requireField,
} from './fieldChecks.js';
import {has, isObject, type JsonObject} from './jsonValue.js';
import {checkJsonataValue, isJsonataString} from './jsonataSyntax.js';
import {PathKind} from './pathSyntax.js';
import {ProblemCode, type Segments} from './problem.js';
import {languageOnlyMessage} from './stateFields.js';
import {MachineKind, fieldAt, type StateContext} from './stateContext.js';

const ITEM_READER_FIELDS: ReadonlySet<string> = new Set(['Resource', 'Parameters', 'Arguments', 'ReaderConfig']);
const ITEM_BATCHER_FIELDS: ReadonlySet<string> = new Set([
	'MaxItemsPerBatch',
	'MaxItemsPerBatchPath',
	'MaxInputBytesPerBatch',
	'MaxInputBytesPerBatchPath',
	'BatchInput',
]);
const RESULT_WRITER_FIELDS: ReadonlySet<string> = new Set(['Resource', 'Parameters', 'Arguments', 'WriterConfig']);

/** A batch may hold at most 256 KiB of input. */
const MAX_BATCH_BYTES = 262_144;
const MAX_LABEL_LENGTH = 40;
/** AWS accepts 0 (no limit) to 100,000,000 items from a reader. */
const MAX_READER_ITEMS = 100_000_000;

export function checkMapState(context: StateContext): void {
	const {state, usable, language, problems} = context;
	checkProcessor(context);

	if (usable.has('ItemsPath')) checkPath(state.ItemsPath, 'ItemsPath', fieldAt(context, 'ItemsPath'), problems, PathKind.ReferencePath);
	if (usable.has('Items')) {
		if (Array.isArray(state.Items) || isJsonataString(state.Items)) {
			checkJsonataValue(state.Items, fieldAt(context, 'Items'), problems, {errorOutput: false});
		} else {
			problems.schema(fieldAt(context, 'Items'), 'must be an array or a JSONata expression');
		}
	}
	for (const field of ['ItemSelector', 'Parameters']) {
		if (usable.has(field)) checkTemplate(state[field], fieldAt(context, field), problems, language);
	}
	atMostOne(usable, ['ItemSelector', 'Parameters'], context.at, problems);

	if (usable.has('ItemReader')) checkItemReader(context, state.ItemReader, fieldAt(context, 'ItemReader'));
	if (usable.has('ItemBatcher')) checkItemBatcher(context, state.ItemBatcher, fieldAt(context, 'ItemBatcher'));
	if (usable.has('ResultWriter')) checkResultWriter(context, state.ResultWriter, fieldAt(context, 'ResultWriter'));

	checkSetting(context, 'MaxConcurrency', {integer: true, min: 0});
	checkSetting(context, 'ToleratedFailurePercentage', {integer: false, min: 0, max: 100});
	checkSetting(context, 'ToleratedFailureCount', {integer: true, min: 0});

	if (usable.has('Label') && checkString(state.Label, fieldAt(context, 'Label'), problems)) {
		const refusal = labelRefusal(state.Label);
		if (refusal) problems.add(ProblemCode.InvalidLabelName, fieldAt(context, 'Label'), refusal);
	}
}

// A label names the map run's child executions, so it follows AWS's naming rules: no
// whitespace, brackets, wildcards, these special characters, or control characters.
const LABEL_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

function labelRefusal(label: string): string | undefined {
	const length = [...label].length;
	if (length === 0 || length > MAX_LABEL_LENGTH) return `must be 1 to ${MAX_LABEL_LENGTH} characters long`;
	const forbidden = LABEL_FORBIDDEN.exec(label);
	if (forbidden) return `must not contain ${JSON.stringify(forbidden[0])}`;
	return undefined;
}

function checkProcessor(context: StateContext): void {
	const {state, problems} = context;
	const processor = has(state, 'ItemProcessor');
	const iterator = has(state, 'Iterator');
	if (processor && iterator) {
		problems.schema(fieldAt(context, 'Iterator'), "'ItemProcessor' and its legacy name 'Iterator' cannot both be set");
	} else if (!processor && !iterator) {
		problems.schema(fieldAt(context, 'ItemProcessor'), "Field 'ItemProcessor' is required");
	}
	for (const field of ['ItemProcessor', 'Iterator']) {
		if (has(state, field)) context.checkNested(state[field], fieldAt(context, field), MachineKind.ItemProcessor);
	}
}

/** A setting given either as a value (or, in JSONata, an expression) or as a `...Path`. */
function checkSetting(
	context: StateContext,
	field: string,
	bounds: {integer: boolean; min: number; max?: number},
): void {
	const {state, usable, problems, language} = context;
	if (usable.has(field)) checkNumber(state[field], fieldAt(context, field), problems, {...bounds, language});
	const pathField = `${field}Path`;
	if (usable.has(pathField)) checkPath(state[pathField], pathField, fieldAt(context, pathField), problems, PathKind.ReferencePath);
	atMostOne(usable, [field, pathField], context.at, problems);
}

function checkItemReader(context: StateContext, value: unknown, at: Segments): void {
	const {problems, language} = context;
	if (!checkObject(value, at, problems)) return;
	const usable = checkFields(value, ITEM_READER_FIELDS, at, problems, language);
	if (requireField(value, 'Resource', at, problems)) checkString(value.Resource, [...at, 'Resource'], problems);
	checkArgumentsOrParameters(context, value, usable, at);
	if (!usable.has('ReaderConfig') || !checkObject(value.ReaderConfig, [...at, 'ReaderConfig'], problems)) return;
	// ReaderConfig carries format options that grow with each reader AWS adds, so only
	// the fields with a known meaning are judged and the rest are let through.
	const config = value.ReaderConfig;
	const configAt = [...at, 'ReaderConfig'];
	const present = new Set(Object.keys(config));
	const foreign = languageOnlyMessage('MaxItemsPath', language);
	if (present.has('MaxItemsPath') && foreign) {
		problems.schema([...configAt, 'MaxItemsPath'], foreign);
		present.delete('MaxItemsPath');
	}
	if (present.has('MaxItems')) {
		checkNumber(config.MaxItems, [...configAt, 'MaxItems'], problems, {integer: true, min: 0, max: MAX_READER_ITEMS, language});
	}
	if (present.has('MaxItemsPath')) {
		checkPath(config.MaxItemsPath, 'MaxItemsPath', [...configAt, 'MaxItemsPath'], problems, PathKind.ReferencePath);
	}
	atMostOne(present, ['MaxItems', 'MaxItemsPath'], configAt, problems);
}

function checkItemBatcher(context: StateContext, value: unknown, at: Segments): void {
	const {problems, language} = context;
	if (!checkObject(value, at, problems)) return;
	const usable = checkFields(value, ITEM_BATCHER_FIELDS, at, problems, language);
	// AWS's lower bound for these is not known for sure (ReaderConfig.MaxItems takes 0),
	// so only negative values are refused.
	const limits: Record<string, {integer: true; min: number; max?: number}> = {
		MaxItemsPerBatch: {integer: true, min: 0},
		MaxInputBytesPerBatch: {integer: true, min: 0, max: MAX_BATCH_BYTES},
	};
	for (const [field, bounds] of Object.entries(limits)) {
		if (usable.has(field)) checkNumber(value[field], [...at, field], problems, {...bounds, language});
		const pathField = `${field}Path`;
		if (usable.has(pathField)) checkPath(value[pathField], pathField, [...at, pathField], problems, PathKind.ReferencePath);
		atMostOne(usable, [field, pathField], at, problems);
	}
	if (usable.has('BatchInput')) checkTemplate(value.BatchInput, [...at, 'BatchInput'], problems, language);
}

function checkResultWriter(context: StateContext, value: unknown, at: Segments): void {
	const {problems} = context;
	if (!checkObject(value, at, problems)) return;
	const usable = checkFields(value, RESULT_WRITER_FIELDS, at, problems, context.language);
	if (usable.has('Resource')) checkString(value.Resource, [...at, 'Resource'], problems);
	checkArgumentsOrParameters(context, value, usable, at);
	if (usable.has('WriterConfig')) checkObject(value.WriterConfig, [...at, 'WriterConfig'], problems);
}

/** ItemReader and ResultWriter take Parameters in JSONPath and Arguments in JSONata. */
function checkArgumentsOrParameters(context: StateContext, value: JsonObject, usable: ReadonlySet<string>, at: Segments): void {
	if (usable.has('Parameters')) checkTemplate(value.Parameters, [...at, 'Parameters'], context.problems, QueryLanguage.JSONPath);
	if (usable.has('Arguments')) checkTemplate(value.Arguments, [...at, 'Arguments'], context.problems, QueryLanguage.JSONata);
}

export function checkProcessorConfig(value: unknown, at: Segments, context: Pick<StateContext, 'problems'>): void {
	const {problems} = context;
	if (!isObject(value)) {
		problems.schema(at, 'Expected value of type [OBJECT]');
		return;
	}
	if (has(value, 'Mode')) checkEnum(value.Mode, ['INLINE', 'DISTRIBUTED'], [...at, 'Mode'], problems);
	if (has(value, 'ExecutionType')) checkEnum(value.ExecutionType, ['STANDARD', 'EXPRESS'], [...at, 'ExecutionType'], problems);
}
