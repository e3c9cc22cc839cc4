import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import type {StateMachineDefinition} from '../../source/asl/definition.js';
import {buildGraph, containerPaths, statesByPath} from '../../source/tui/graph/buildGraph.js';
import {describeChoiceRule} from '../../source/tui/graph/choiceLabel.js';
import {EdgeKind, EndNodeId, NodeKind, StartNodeId} from '../../source/tui/graph/types.js';
import type {Graph, GraphEdge} from '../../source/tui/graph/types.js';

function fixture(name: string): StateMachineDefinition {
	return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as StateMachineDefinition;
}

function edgesFrom(graph: Graph, from: string): GraphEdge[] {
	return graph.edges.filter(edge => edge.from === from);
}

test('the order workflow has a node per state, start and end markers, and one edge per transition', () => {
	const graph = buildGraph(fixture('orderWorkflow'));
	assert.deepEqual(
		graph.nodes.map(node => node.id),
		[StartNodeId, 'FetchAnOrder', 'NoOrderPossible', 'RegionChoice', 'CreateOrderA', 'CreateOrderB', 'UnservedRegion', 'OrderOK', 'ProcessOrder', EndNodeId],
	);
	assert.deepEqual(
		graph.edges.map(edge => [edge.kind, edge.from, edge.to, edge.label]),
		[
			[EdgeKind.Next, StartNodeId, 'FetchAnOrder', undefined],
			[EdgeKind.Next, 'FetchAnOrder', 'RegionChoice', undefined],
			[EdgeKind.Catch, 'FetchAnOrder', 'NoOrderPossible', 'DatabaseError'],
			[EdgeKind.Choice, 'RegionChoice', 'CreateOrderA', '$.region == "EU"'],
			[EdgeKind.Choice, 'RegionChoice', 'CreateOrderB', '$.region == "US"'],
			[EdgeKind.Default, 'RegionChoice', 'UnservedRegion', 'Default'],
			[EdgeKind.Next, 'CreateOrderA', 'OrderOK', undefined],
			[EdgeKind.Next, 'CreateOrderB', 'OrderOK', undefined],
			[EdgeKind.Next, 'OrderOK', 'ProcessOrder', undefined],
			[EdgeKind.Next, 'ProcessOrder', EndNodeId, undefined],
		],
	);
	assert.equal(graph.startAt, 'FetchAnOrder');
	assert.deepEqual(graph.danglingTargets, []);
});

test('states carry their type and a console-like type line', () => {
	const states = statesByPath(buildGraph(fixture('orderWorkflow')));
	assert.equal(states.get('FetchAnOrder')?.stateType, 'Task');
	assert.equal(states.get('FetchAnOrder')?.subtitle, 'Lambda: Invoke');
	assert.equal(states.get('NoOrderPossible')?.subtitle, 'Fail: NoOrder');
	assert.equal(states.get('RegionChoice')?.subtitle, 'Choice');
	assert.equal(states.get('ProcessOrder')?.maxRetryAttempts, 3);
	assert.equal(states.get('FetchAnOrder')?.maxRetryAttempts, 0);

	const subtitleOf = (Resource: string) =>
		statesByPath(buildGraph({StartAt: 'T', States: {T: {Type: 'Task', Resource, End: true}}})).get('T')?.subtitle;
	assert.equal(subtitleOf('arn:aws:states:::sqs:sendMessage.waitForTaskToken'), 'SQS: SendMessage (callback)');
	assert.equal(subtitleOf('arn:aws:states:::states:startExecution.sync:2'), 'Step Functions: StartExecution (sync)');
	assert.equal(subtitleOf('arn:aws:states:::aws-sdk:s3:getObject'), 'S3: GetObject');
	assert.equal(subtitleOf('arn:aws:lambda:us-east-1:123456789012:function:Resize:live'), 'Lambda: Resize');
	assert.equal(subtitleOf('arn:aws:states:us-east-1:123456789012:activity:Approve'), 'Activity: Approve');
	assert.equal(subtitleOf('something-else'), 'Task');
	const wait = statesByPath(buildGraph({StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 300, End: true}}})).get('W');
	assert.equal(wait?.subtitle, 'Wait 5m');
});

test('a Choice with three rules has three labelled edges, in rule order, and a Default', () => {
	const graph = buildGraph({
		StartAt: 'Route',
		States: {
			Route: {
				Type: 'Choice',
				Choices: [
					{Variable: '$.total', NumericGreaterThanEquals: 100, Next: 'Big'},
					{Variable: '$.kind', StringEquals: 'gift', Next: 'Gift'},
					{Variable: '$.express', BooleanEquals: true, Next: 'Fast'},
				],
				Default: 'Normal',
			},
			Big: {Type: 'Succeed'},
			Gift: {Type: 'Succeed'},
			Fast: {Type: 'Succeed'},
			Normal: {Type: 'Succeed'},
		},
	});
	const out = edgesFrom(graph, 'Route');
	assert.deepEqual(
		out.map(edge => [edge.kind, edge.to, edge.label]),
		[
			[EdgeKind.Choice, 'Big', '$.total >= 100'],
			[EdgeKind.Choice, 'Gift', '$.kind == "gift"'],
			[EdgeKind.Choice, 'Fast', '$.express == true'],
			[EdgeKind.Default, 'Normal', 'Default'],
		],
	);
	// Succeed states end the execution: they lead to the end marker.
	for (const name of ['Big', 'Gift', 'Fast', 'Normal']) assert.deepEqual(edgesFrom(graph, name).map(e => e.to), [EndNodeId]);
});

test('Fail states end on their own, without an edge to the end marker', () => {
	const graph = buildGraph(fixture('orderWorkflow'));
	assert.deepEqual(edgesFrom(graph, 'NoOrderPossible'), []);
	assert.deepEqual(edgesFrom(graph, 'UnservedRegion'), []);
});

test('catch edges are labelled with their ErrorEquals', () => {
	const graph = buildGraph({
		StartAt: 'Call',
		States: {
			Call: {
				Type: 'Task',
				Resource: 'arn:aws:states:::lambda:invoke',
				Catch: [
					{ErrorEquals: ['Lambda.TooManyRequestsException', 'Lambda.ServiceException'], Next: 'Later'},
					{ErrorEquals: ['States.ALL'], Next: 'Broken'},
				],
				End: true,
			},
			Later: {Type: 'Pass', End: true},
			Broken: {Type: 'Fail'},
		},
	});
	assert.deepEqual(
		edgesFrom(graph, 'Call').map(edge => [edge.kind, edge.to, edge.label]),
		[
			[EdgeKind.Next, EndNodeId, undefined],
			[EdgeKind.Catch, 'Later', 'Lambda.TooManyRequestsException, Lambda.ServiceException'],
			[EdgeKind.Catch, 'Broken', 'States.ALL'],
		],
	);
});

test('Parallel branches and Map processors are nested graphs whose states are named by path', () => {
	const parallel = buildGraph(fixture('parallelBranches'));
	const check = parallel.nodes.find(node => node.id === 'CheckAll');
	assert.ok(check?.kind === NodeKind.State);
	assert.equal(check.subgraphs.length, 2);
	assert.deepEqual(
		check.subgraphs.map(sub => [sub.scope, sub.startAt, sub.nodes.map(node => node.id)]),
		[
			['CheckAll/0', 'CheckAll/0/ReserveStock', ['CheckAll/0/ReserveStock', 'CheckAll/0/StockReserved']],
			['CheckAll/1', 'CheckAll/1/PriceOrder', ['CheckAll/1/PriceOrder']],
		],
	);
	// Inside a branch there are no markers: an End state has no outgoing edge.
	assert.deepEqual(
		check.subgraphs[0]!.edges.map(edge => [edge.from, edge.to]),
		[['CheckAll/0/ReserveStock', 'CheckAll/0/StockReserved']],
	);
	assert.equal(check.subtitle, 'Parallel · 2 branches');

	const map = buildGraph(fixture('mapProcessor'));
	assert.deepEqual([...statesByPath(map).keys()], ['ListImages', 'ResizeAll', 'ResizeAll/Resize', 'ResizeAll/Store', 'Done']);
	assert.deepEqual(containerPaths(map), ['ResizeAll']);
});

test('the legacy Iterator of a Map is its processor too, and nesting composes paths', () => {
	const graph = buildGraph({
		StartAt: 'Outer',
		States: {
			Outer: {
				Type: 'Parallel',
				Branches: [
					{StartAt: 'A', States: {A: {Type: 'Pass', End: true}}},
					{
						StartAt: 'Each',
						States: {
							Each: {Type: 'Map', Iterator: {StartAt: 'Work', States: {Work: {Type: 'Pass', End: true}}}, End: true},
						},
					},
				],
				End: true,
			},
		},
	});
	assert.deepEqual([...statesByPath(graph).keys()], ['Outer', 'Outer/0/A', 'Outer/1/Each', 'Outer/1/Each/Work']);
	assert.deepEqual(containerPaths(graph), ['Outer', 'Outer/1/Each']);
});

test('transitions to missing states are listed, not drawn', () => {
	const graph = buildGraph({StartAt: 'A', States: {A: {Type: 'Pass', Next: 'Nowhere'}}});
	assert.deepEqual(graph.danglingTargets, [{from: 'A', to: 'Nowhere'}]);
	assert.deepEqual(edgesFrom(graph, 'A'), []);
});

test('Choice rules render short and readable', () => {
	assert.equal(describeChoiceRule({Variable: '$.region', StringEquals: 'EU', Next: 'X'}), '$.region == "EU"');
	assert.equal(describeChoiceRule({Variable: '$.n', NumericLessThanPath: '$.limit', Next: 'X'}), '$.n < $.limit');
	assert.equal(describeChoiceRule({Variable: '$.at', TimestampGreaterThan: '2025-01-01T00:00:00Z'}), '$.at > "2025-01-01T00:00:00Z"');
	assert.equal(describeChoiceRule({Variable: '$.file', StringMatches: '*.csv'}), '$.file matches "*.csv"');
	assert.equal(describeChoiceRule({Variable: '$.x', IsPresent: false}), '$.x is not present');
	assert.equal(describeChoiceRule({Variable: '$.x', IsNull: true}), '$.x is null');
	assert.equal(
		describeChoiceRule({
			And: [{Variable: '$.a', NumericGreaterThan: 1}, {Or: [{Variable: '$.b', BooleanEquals: true}, {Not: {Variable: '$.c', StringEquals: 'x'}}]}],
		}),
		'$.a > 1 and ($.b == true or not ($.c == "x"))',
	);
	assert.equal(describeChoiceRule({Condition: '{% $states.input.region = "EU" %}'}), '$states.input.region = "EU"');
	assert.equal(describeChoiceRule({Condition: true}), 'true');
});
