/**
 * Definition validation, rule by rule: what is refused, with which AWS code, and where
 * the pointer lands; and the odd-but-valid definitions that must get through.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	ProblemCode,
	formatProblem,
	parseDefinition,
	validateDefinition,
	type DefinitionProblem,
} from '../../source/asl/validate/index.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:work';

/** A one-state machine around the given state. */
function machine(state: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {StartAt: 'S', States: {S: state}, ...extra};
}

function problemsAt(definition: unknown): Record<string, string> {
	return Object.fromEntries(validateDefinition(definition).map(problem => [problem.pointer, problem.code]));
}

function assertValid(definition: unknown): void {
	const problems = validateDefinition(definition);
	assert.deepEqual(problems.map(formatProblem), []);
}

function assertProblem(definition: unknown, pointer: string, code: string = ProblemCode.SchemaValidationFailed): DefinitionProblem {
	const problems = validateDefinition(definition);
	const found = problems.find(problem => problem.pointer === pointer);
	assert.ok(found, `expected a problem at ${pointer}, got: ${problems.map(formatProblem).join(' | ') || 'none'}`);
	assert.equal(found.code, code);
	return found;
}

test('formatProblem prints the pointer, then the message', () => {
	const problem = assertProblem(
		machine({Type: 'Task', Resource: LAMBDA, End: true, Retry: [{ErrorEquals: ['States.ALL'], BackoffRate: 0.5}]}),
		'/States/S/Retry/0/BackoffRate',
	);
	assert.equal(formatProblem(problem), '/States/S/Retry/0/BackoffRate: must be >= 1.0');
	assert.equal(
		formatProblem({pointer: '', code: ProblemCode.MissingEndState, message: 'Workflow has no terminal state'}),
		'definition: Workflow has no terminal state',
	);
});

test('pointers escape / and ~ in state names (RFC 6901)', () => {
	assertProblem({StartAt: 'a/b', States: {'a/b': {Type: 'Pass', End: true}, 'x~y': {Type: 'Pass', End: true}}}, '/States/x~0y', ProblemCode.MissingTransitionTarget);
	assertProblem({StartAt: 'x', States: {x: {Type: 'Pass', Next: 'a/b'}, 'a/b': {Type: 'Pass', Nxt: 1, End: true}}}, '/States/a~1b/Nxt');
});

test('transitions: StartAt, Next, Default and Catch must name a state of the same scope', () => {
	assertProblem({StartAt: 'Nope', States: {A: {Type: 'Succeed'}}}, '/StartAt', ProblemCode.MissingTransitionTarget);
	assertProblem(
		machine({Type: 'Choice', Choices: [{Variable: '$.x', IsPresent: true, Next: 'Ghost'}], Default: 'Z'}, {}),
		'/States/S/Choices/0/Next',
		ProblemCode.MissingTransitionTarget,
	);
	assertProblem(
		machine({Type: 'Task', Resource: LAMBDA, End: true, Catch: [{ErrorEquals: ['States.ALL'], Next: 'Ghost'}]}),
		'/States/S/Catch/0/Next',
		ProblemCode.MissingTransitionTarget,
	);
	const problem = assertProblem(
		{StartAt: 'A', States: {A: {Type: 'Pass', End: true}, B: {Type: 'Pass', End: true}}},
		'/States/B',
		ProblemCode.MissingTransitionTarget,
	);
	assert.equal(problem.message, 'State "B" is not reachable.');
});

test('a branch cannot jump out of itself, and its problems point inside it', () => {
	const definition = {
		StartAt: 'P',
		States: {
			P: {
				Type: 'Parallel',
				End: true,
				Branches: [
					{StartAt: 'A', States: {A: {Type: 'Pass', Next: 'P'}}},
					{StartAt: 'B', States: {B: {Type: 'Wait', End: true}}},
				],
			},
		},
	};
	assertProblem(definition, '/States/P/Branches/0/States/A/Next', ProblemCode.MissingTransitionTarget);
	assertProblem(definition, '/States/P/Branches/1/States/B');
});

test('only the top level needs a terminal state; its absence hides unreachable states', () => {
	const loop = {StartAt: 'A', States: {A: {Type: 'Pass', Next: 'B'}, B: {Type: 'Pass', Next: 'A'}, U: {Type: 'Pass', Next: 'A'}}};
	assert.deepEqual(problemsAt(loop), {'': ProblemCode.MissingEndState});
	assertValid({
		StartAt: 'M',
		States: {
			M: {
				Type: 'Map',
				End: true,
				ItemProcessor: {StartAt: 'A', States: {A: {Type: 'Pass', Next: 'B'}, B: {Type: 'Pass', Next: 'A'}}},
			},
		},
	});
});

test('Next and End: exactly one way to move on', () => {
	assertProblem(machine({Type: 'Pass'}), '/States/S');
	assertProblem({StartAt: 'S', States: {S: {Type: 'Pass', Next: 'T', End: true}, T: {Type: 'Succeed'}}}, '/States/S');
	assertProblem({StartAt: 'S', States: {S: {Type: 'Succeed', Next: 'S'}}}, '/States/S/Next');
	assertProblem(machine({Type: 'Choice', Choices: [{Variable: '$.a', IsNull: true, Next: 'S'}], End: true}), '/States/S/End');
});

test('state names: at most 80 characters, unique across every scope', () => {
	const long = 'n'.repeat(81);
	assertProblem({StartAt: long, States: {[long]: {Type: 'Succeed'}}}, `/States/${long}`, ProblemCode.InvalidStateName);
	assertValid({StartAt: 'n'.repeat(80), States: {['n'.repeat(80)]: {Type: 'Succeed'}}});
	assertProblem(
		{
			StartAt: 'A',
			States: {
				A: {Type: 'Parallel', Next: 'Done', Branches: [{StartAt: 'Done', States: {Done: {Type: 'Succeed'}}}]},
				Done: {Type: 'Succeed'},
			},
		},
		'/States/Done',
		ProblemCode.DuplicateStateName,
	);
	const {problems} = parseDefinition('{"StartAt":"A","States":{"A":{"Type":"Succeed"},"A":{"Type":"Succeed"}}}');
	assert.deepEqual(
		problems.map(problem => [problem.code, problem.pointer]),
		[[ProblemCode.DuplicateStateName, '/States/A']],
	);
});

test('unknown and misspelled fields are refused per state type', () => {
	assertProblem(machine({Type: 'Pass', End: true, TimeoutSeconds: 5}), '/States/S/TimeoutSeconds');
	assertProblem(machine({Type: 'Pass', End: true, Catch: []}), '/States/S/Catch');
	assertProblem(machine({Type: 'Wait', Seconds: 1, End: true, Retry: []}), '/States/S/Retry');
	assertProblem(machine({Type: 'Succeed', Assign: {a: 1}}), '/States/S/Assign');
	assertProblem(machine({Type: 'Fail', InputPath: '$'}), '/States/S/InputPath');
	assertProblem(machine({Type: 'Task', Resource: LAMBDA, End: true, ResultSelecter: {}}), '/States/S/ResultSelecter');
	assertProblem(machine({Type: 'Pass', End: true}, {Comments: 'x'}), '/Comments');
	assertProblem(machine({Type: 'Bogus', End: true}), '/States/S/Type');
	assertProblem(machine({End: true}), '/States/S/Type');
});

test('query languages: each field belongs to one, and nested states inherit the machine', () => {
	const jsonata = {QueryLanguage: 'JSONata'};
	for (const field of ['Parameters', 'InputPath', 'ResultPath', 'OutputPath', 'ResultSelector']) {
		const problem = assertProblem(machine({Type: 'Task', Resource: LAMBDA, End: true, [field]: field === 'Parameters' || field === 'ResultSelector' ? {} : '$'}, jsonata), `/States/S/${field}`);
		assert.match(problem.message, /QueryLanguage is set to 'JSONata'/);
	}
	assertProblem(machine({Type: 'Map', ItemsPath: '$.a', End: true, ItemProcessor: {StartAt: 'P', States: {P: {Type: 'Succeed'}}}}, jsonata), '/States/S/ItemsPath');
	assertProblem(machine({Type: 'Wait', SecondsPath: '$.a', End: true}, jsonata), '/States/S/SecondsPath');
	for (const field of ['Arguments', 'Output']) {
		assertProblem(machine({Type: 'Task', Resource: LAMBDA, End: true, [field]: {}}), `/States/S/${field}`);
	}
	assertProblem(machine({Type: 'Map', Items: [1], End: true, ItemProcessor: {StartAt: 'P', States: {P: {Type: 'Succeed'}}}}), '/States/S/Items');
	// Output on JSONata states and catchers, Assign in both languages.
	assertValid(machine({Type: 'Task', Resource: LAMBDA, End: true, Output: '{% $states.result %}', Assign: {a: '{% 1 %}'}, Catch: [{ErrorEquals: ['States.ALL'], Next: 'S', Output: {e: '{% $states.errorOutput %}'}}]}, jsonata));
	assertValid(machine({Type: 'Pass', End: true, Assign: {a: 1, 'b.$': '$.x'}}));
	// A state may switch itself to JSONata; a JSONata machine may not switch back.
	assertValid(machine({Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% 1 %}', End: true}));
	assertProblem(machine({Type: 'Pass', QueryLanguage: 'JSONPath', End: true}, jsonata), '/States/S/QueryLanguage');
	assertProblem(machine({Type: 'Pass', End: true}, {QueryLanguage: 'jsonata'}), '/QueryLanguage');
	// A Map's own QueryLanguage does not reach the states of its ItemProcessor.
	assertProblem(
		machine({
			Type: 'Map',
			QueryLanguage: 'JSONata',
			End: true,
			ItemProcessor: {StartAt: 'P', States: {P: {Type: 'Pass', Output: {n: '{% 1 %}'}, End: true}}},
		}),
		'/States/S/ItemProcessor/States/P/Output',
	);
	assertProblem(machine({Type: 'Map', End: true, ItemProcessor: {QueryLanguage: 'JSONata', StartAt: 'P', States: {P: {Type: 'Succeed'}}}}), '/States/S/ItemProcessor/QueryLanguage');
});

test('paths: AWS-accepted JSONPath passes, broken syntax and multi-node reference paths do not', () => {
	for (const path of ['$', '$$', '$.a.b', '$.delivery-partner', "$['a b'].c", '$.a[0]', '$.a[-1]', '$.[0]', '$..x', '$.a[*].b', '$.a[?(@.x != 1)]', '$.a[?(@.x == "y" && @.z > 1)]', '$.a[1:3]', '$var', '$var.field[2]', '$$.Execution.Input']) {
		assertValid(machine({Type: 'Pass', InputPath: path, End: true}));
	}
	for (const path of ['a.b', '$.', '$.a[', '$.a b', '$[]', '$.a..']) {
		assertProblem(machine({Type: 'Pass', InputPath: path, End: true}), '/States/S/InputPath');
	}
	for (const path of ['$.a[*]', '$..a', '$.a[?(@.x)]', '$.a[0,1]', '$.a[1:2]', '$.a.length()', '$var.x']) {
		assertProblem(machine({Type: 'Pass', ResultPath: path, End: true}), '/States/S/ResultPath');
	}
	assertValid(machine({Type: 'Pass', ResultPath: null, InputPath: null, OutputPath: null, End: true}));
	assertValid(machine({Type: 'Map', ItemsPath: '$items', End: true, ItemProcessor: {StartAt: 'P', States: {P: {Type: 'Succeed'}}}}));
	assertProblem(machine({Type: 'Map', ItemsPath: '$.items[*]', End: true, ItemProcessor: {StartAt: 'P', States: {P: {Type: 'Succeed'}}}}), '/States/S/ItemsPath');
});

test('.$ fields hold a path or an intrinsic function call', () => {
	assertValid(
		machine({
			Type: 'Pass',
			End: true,
			Parameters: {
				'a.$': '$.x',
				'b.$': '$$.Map.Item.Value',
				'c.$': '$variable',
				'd.$': "States.Format('{} and {}', $.a, States.ArrayLength($.list))",
				'e.$': "States.StringToJson('{\"k\": \"a \\\\\"quoted\\\\\" word\"}')",
				'f.$': 'States.MathAdd($.n, -1)',
				nested: [{'g.$': 'States.UUID()'}],
				literal: 'not a path',
			},
		}),
	);
	assertProblem(machine({Type: 'Pass', End: true, Parameters: {'a.$': 'x'}}), '/States/S/Parameters/a.$');
	assertProblem(machine({Type: 'Pass', End: true, Parameters: {list: [{'a.$': 5}]}}), '/States/S/Parameters/list/0/a.$');
	assertProblem(machine({Type: 'Pass', End: true, Parameters: {'a.$': "States.Format('{}', $.a"}}), '/States/S/Parameters/a.$');
	assertProblem(machine({Type: 'Pass', End: true, Parameters: {'a.$': 'States.Nope($.a)'}}), '/States/S/Parameters/a.$');
	assertProblem(machine({Type: 'Pass', End: true, Parameters: {a: 1, 'a.$': '$.a'}}), '/States/S/Parameters/a.$');
	// Result is a literal: `.$` keys in it are not evaluated.
	assertValid(machine({Type: 'Pass', End: true, Result: {'a.$': 'just text'}}));
});

test('JSONata: expressions must parse; AWS messages and codes', () => {
	const jsonata = {QueryLanguage: 'JSONata'};
	const problem = assertProblem(machine({Type: 'Pass', End: true, Output: '{% a[1,2) %}'}, jsonata), '/States/S/Output', ProblemCode.InvalidJsonataExpression);
	assert.equal(problem.message, 'Expected "]", got ","');
	assertProblem(machine({Type: 'Pass', End: true, Output: {deep: ['{% 1 + %}']}}, jsonata), '/States/S/Output/deep/0', ProblemCode.InvalidJsonataExpression);
	assertProblem(machine({Type: 'Pass', End: true, Output: '{% $$ %}'}, jsonata), '/States/S/Output', ProblemCode.UnsupportedJsonataExpression);
	assertProblem(machine({Type: 'Pass', End: true, Output: '{% $states.errorOutput %}'}, jsonata), '/States/S/Output', ProblemCode.UnsupportedJsonataExpression);
	assertProblem(machine({Type: 'Pass', End: true, Output: '{% 1'}, jsonata), '/States/S/Output');
	assertProblem(
		machine({Type: 'Choice', Choices: [{Condition: '{% $states.input.x = %}', Next: 'S'}]}, jsonata),
		'/States/S/Choices/0/Condition',
		ProblemCode.InvalidJsonataExpression,
	);
	// Literal strings, a constant Condition and "$" inside string literals are fine.
	assertValid(
		machine(
			{
				Type: 'Choice',
				Choices: [{Condition: true, Next: 'T'}, {Condition: '{% "$$" = $states.input.s %}', Next: 'T', Output: 'plain'}],
				Default: 'T',
			},
			{...jsonata, States: {S: {Type: 'Choice', Choices: [{Condition: true, Next: 'T'}], Default: 'T'}, T: {Type: 'Succeed', Output: [1, 'a', null]}}},
		),
	);
});

test('Choice rules: operators, Variable, nesting', () => {
	const choice = (rule: Record<string, unknown>) =>
		({StartAt: 'C', States: {C: {Type: 'Choice', Choices: [rule], Default: 'D'}, D: {Type: 'Succeed'}}});
	assertValid(choice({And: [{Variable: '$.a', NumericGreaterThan: 1}, {Not: {Variable: '$.b', IsNull: true}}], Next: 'D'}));
	assertValid(choice({Variable: '$.t', TimestampLessThanPath: '$.u', Next: 'D', Assign: {x: 1}, Comment: 'c'}));
	assertProblem(choice({Variable: '$.a', NumericEquals: '5', Next: 'D'}), '/States/C/Choices/0/NumericEquals');
	assertProblem(choice({Variable: '$.a', StringEquals: 'x', BooleanEquals: true, Next: 'D'}), '/States/C/Choices/0');
	assertProblem(choice({Variable: '$.a', Next: 'D'}), '/States/C/Choices/0');
	assertProblem(choice({Variable: '$.a', IsPresent: true}), '/States/C/Choices/0/Next');
	assertProblem(choice({And: [{Variable: '$.a', IsNull: true, Next: 'D'}], Next: 'D'}), '/States/C/Choices/0/And/0/Next');
	assertProblem(choice({Or: [], Next: 'D'}), '/States/C/Choices/0/Or');
	assertProblem({StartAt: 'C', States: {C: {Type: 'Choice', Default: 'C'}}}, '/States/C/Choices');
});

test('Retry and Catch bounds', () => {
	const retry = (retrier: Record<string, unknown>) => machine({Type: 'Task', Resource: LAMBDA, End: true, Retry: [retrier]});
	assertValid(retry({ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 0, BackoffRate: 1, MaxDelaySeconds: 5, JitterStrategy: 'FULL'}));
	assertProblem(retry({ErrorEquals: ['States.ALL'], MaxAttempts: -1}), '/States/S/Retry/0/MaxAttempts');
	assertProblem(retry({ErrorEquals: ['States.ALL'], MaxAttempts: 1.5}), '/States/S/Retry/0/MaxAttempts');
	assertProblem(retry({ErrorEquals: ['States.ALL'], MaxDelaySeconds: 0}), '/States/S/Retry/0/MaxDelaySeconds');
	assertProblem(retry({ErrorEquals: ['States.ALL'], JitterStrategy: 'SOME'}), '/States/S/Retry/0/JitterStrategy');
	assertProblem(retry({ErrorEquals: []}), '/States/S/Retry/0/ErrorEquals');
	assertProblem(retry({MaxAttempts: 1}), '/States/S/Retry/0/ErrorEquals');
	assertProblem(retry({ErrorEquals: ['States.ALL', 'States.Timeout']}), '/States/S/Retry/0/ErrorEquals');
	assertProblem(
		machine({Type: 'Task', Resource: LAMBDA, End: true, Catch: [{ErrorEquals: ['States.ALL'], Next: 'S'}, {ErrorEquals: ['X'], Next: 'S'}]}),
		'/States/S/Catch/0/ErrorEquals',
	);
	assertProblem(machine({Type: 'Task', Resource: LAMBDA, End: true, Catch: [{ErrorEquals: ['X'], Next: 'S', ResultPath: '$.e[*]'}]}), '/States/S/Catch/0/ResultPath');
	assertProblem(machine({Type: 'Task', Resource: LAMBDA, End: true, Catch: [{ErrorEquals: ['X'], Next: 'S', Output: {}}]}), '/States/S/Catch/0/Output');
});

test('Task timeouts, heartbeats and resources', () => {
	const task = (fields: Record<string, unknown>) => machine({Type: 'Task', Resource: LAMBDA, End: true, ...fields});
	assertValid(task({TimeoutSeconds: 10, HeartbeatSeconds: 5}));
	assertValid(task({TimeoutSecondsPath: '$.t', HeartbeatSecondsPath: '$.h'}));
	assertValid(machine({Type: 'Task', Resource: LAMBDA, End: true, TimeoutSeconds: '{% $states.input.t %}', HeartbeatSeconds: 5}, {QueryLanguage: 'JSONata'}));
	assertProblem(task({TimeoutSeconds: '{% $states.input.t %}'}), '/States/S/TimeoutSeconds');
	assertProblem(task({TimeoutSeconds: 0}), '/States/S/TimeoutSeconds');
	assertProblem(task({TimeoutSeconds: 2.5}), '/States/S/TimeoutSeconds');
	assertProblem(task({HeartbeatSeconds: 10, TimeoutSeconds: 5}), '/States/S/HeartbeatSeconds');
	assertProblem(task({TimeoutSeconds: 5, TimeoutSecondsPath: '$.t'}), '/States/S/TimeoutSeconds');
	assertProblem(machine({Type: 'Task', Resource: 'my-function', End: true}), '/States/S/Resource', ProblemCode.InvalidResource);
	assertProblem(machine({Type: 'Task', End: true}), '/States/S/Resource');
	assertValid(machine({Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, Credentials: {'RoleArn.$': '$.role'}}));
});

test('Wait takes exactly one duration; Fail takes Error or ErrorPath, not both', () => {
	assertValid(machine({Type: 'Wait', Timestamp: '2030-01-01T00:00:00Z', End: true}));
	assertValid(machine({Type: 'Wait', Seconds: '{% $states.input.s %}', End: true}, {QueryLanguage: 'JSONata'}));
	assertProblem(machine({Type: 'Wait', End: true}), '/States/S');
	assertProblem(machine({Type: 'Wait', SecondsPath: '$.a', TimestampPath: '$.b', End: true}), '/States/S');
	assertProblem(machine({Type: 'Wait', Seconds: -1, End: true}), '/States/S/Seconds');
	assertProblem(machine({Type: 'Wait', Timestamp: 'tomorrow', End: true}), '/States/S/Timestamp');
	assertValid(machine({Type: 'Fail', ErrorPath: '$errorVar', CausePath: "States.Format('failed: {}', $.c)"}));
	assertProblem(machine({Type: 'Fail', Cause: 'a', CausePath: '$.c'}), '/States/S/Cause');
	assertProblem(machine({Type: 'Fail', ErrorPath: '$.errors[*]'}), '/States/S/ErrorPath');
});

test('Map: processor, concurrency, tolerance, reader, batcher, writer', () => {
	const processor = {ProcessorConfig: {Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD'}, StartAt: 'P', States: {P: {Type: 'Succeed'}}};
	const map = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		machine({Type: 'Map', End: true, ItemProcessor: processor, ...fields}, extra);
	assertValid(
		map({
			ItemReader: {Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: {InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItems: 0}, Parameters: {'Bucket.$': '$.b', Key: 'k'}},
			ItemBatcher: {MaxItemsPerBatch: 10, MaxInputBytesPerBatch: 1024, BatchInput: {'at.$': '$$.State.EnteredTime'}},
			ResultWriter: {Resource: 'arn:aws:states:::s3:putObject', Parameters: {Bucket: 'b', Prefix: 'p'}},
			MaxConcurrency: 1000,
			ToleratedFailurePercentage: 0.5,
			ToleratedFailureCount: 2,
			Label: 'Orders',
			ItemSelector: {'v.$': '$$.Map.Item.Value'},
		}),
	);
	assertValid(machine({Type: 'Map', End: true, Iterator: {StartAt: 'P', States: {P: {Type: 'Succeed'}}}, Parameters: {'v.$': '$$.Map.Item.Value'}}));
	assertValid(map({Items: '{% [1, 2] %}', MaxConcurrency: '{% 2 %}', ItemSelector: {v: '{% $states.context.Map.Item.Value %}'}}, {QueryLanguage: 'JSONata'}));
	assertProblem(map({MaxConcurrency: -1}), '/States/S/MaxConcurrency');
	assertProblem(map({MaxConcurrency: 1, MaxConcurrencyPath: '$.m'}), '/States/S/MaxConcurrency');
	assertProblem(map({ToleratedFailurePercentage: 101}), '/States/S/ToleratedFailurePercentage');
	assertProblem(map({Label: 'x'.repeat(41)}), '/States/S/Label', ProblemCode.InvalidLabelName);
	assertProblem(map({Label: ''}), '/States/S/Label', ProblemCode.InvalidLabelName);
	assertProblem(map({Label: 'label_{invalid_char}'}), '/States/S/Label', ProblemCode.InvalidLabelName);
	assertValid(map({Label: 'Orders-2024_v1.batch'}));
	assertProblem(map({ItemSelector: {}, Parameters: {}}), '/States/S/ItemSelector');
	assertProblem(map({ItemReader: {ReaderConfig: {}}}), '/States/S/ItemReader/Resource');
	assertProblem(map({ItemBatcher: {MaxItemsPerBatch: -1}}), '/States/S/ItemBatcher/MaxItemsPerBatch');
	assertProblem(map({ItemBatcher: {MaxInputBytesPerBatch: 262_145}}), '/States/S/ItemBatcher/MaxInputBytesPerBatch');
	assertProblem(map({ResultWriter: {Resource: 'arn:aws:states:::s3:putObject', Arguments: {}}}), '/States/S/ResultWriter/Arguments');
	assertProblem(map({Items: 'not an expression'}, {QueryLanguage: 'JSONata'}), '/States/S/Items');
	assertProblem(map({ItemProcessor: {...processor, ProcessorConfig: {Mode: 'SIDEWAYS'}}}), '/States/S/ItemProcessor/ProcessorConfig/Mode');
	assertProblem(machine({Type: 'Map', End: true, ItemProcessor: processor, Iterator: processor}), '/States/S/Iterator');
});

test('parseDefinition: empty text, JSON syntax errors with line and column, a valid definition', () => {
	assert.deepEqual(parseDefinition('  \n').problems.map(problem => problem.code), [ProblemCode.MissingDescription]);
	const broken = parseDefinition('{\n  "StartAt": "A",\n  "States": {,}\n}');
	assert.equal(broken.definition, undefined);
	assert.equal(broken.problems.length, 1);
	assert.equal(broken.problems[0]!.code, ProblemCode.InvalidJson);
	assert.equal(broken.problems[0]!.pointer, '');
	assert.match(broken.problems[0]!.message, /line 3/);
	const ok = parseDefinition('\uFEFF{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}');
	assert.deepEqual(ok.problems, []);
	assert.deepEqual(ok.definition, {StartAt: 'A', States: {A: {Type: 'Succeed'}}});
	assert.equal(parseDefinition('[1]').problems[0]!.pointer, '');
});

test('validation of a typical definition stays well under two milliseconds once warm', () => {
	const definition = {
		StartAt: 'A',
		States: {
			A: {Type: 'Task', Resource: LAMBDA, Parameters: {'x.$': '$.x', 'y.$': "States.Format('{}', $.y)"}, Retry: [{ErrorEquals: ['States.ALL']}], Next: 'B'},
			B: {Type: 'Choice', Choices: [{Variable: '$.x', NumericGreaterThan: 3, Next: 'C'}], Default: 'C'},
			C: {Type: 'Map', ItemsPath: '$.items', ItemProcessor: {StartAt: 'D', States: {D: {Type: 'Pass', End: true}}}, End: true},
		},
	};
	validateDefinition(definition);
	const start = performance.now();
	for (let round = 0; round < 200; round++) validateDefinition(definition);
	const perCall = (performance.now() - start) / 200;
	assert.ok(perCall < 2, `validation took ${perCall.toFixed(3)} ms per call`);
});
