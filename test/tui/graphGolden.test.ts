/**
 * Golden drawings of the execution graph: each case is painted as plain text and
 * compared with `golden/<name>.txt`. After a deliberate change to the drawing, run
 * with UPDATE_GOLDEN=1 to rewrite the files, then read every changed one by eye
 * before committing it: the golden files are the review of how the graph looks.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import type {StateMachineDefinition} from '../../source/asl/definition.js';
import {buildGraph} from '../../source/tui/graph/buildGraph.js';
import {gridToString} from '../../source/tui/graph/grid.js';
import {layoutGraph} from '../../source/tui/graph/layoutGraph.js';
import {paintGraph} from '../../source/tui/graph/paintGraph.js';
import {asciiTheme} from '../../source/tui/graph/theme.js';
import type {GraphTheme} from '../../source/tui/graph/theme.js';
import {StatusKind} from '../../source/tui/graph/types.js';
import type {LayoutOptions, Statuses} from '../../source/tui/graph/types.js';

interface GoldenCase {
	name: string;
	fixture: string;
	options?: LayoutOptions;
	statuses: Statuses;
	theme?: GraphTheme;
}

/** The order workflow half way: routed to the EU, now retrying ProcessOrder. */
const orderRun: Statuses = {
	FetchAnOrder: {kind: StatusKind.Succeeded},
	RegionChoice: {kind: StatusKind.Succeeded},
	CreateOrderA: {kind: StatusKind.Succeeded},
	OrderOK: {kind: StatusKind.Succeeded},
	ProcessOrder: {kind: StatusKind.Retrying, attempt: 2, maxAttempts: 3},
};

const cases: GoldenCase[] = [
	{name: 'orderWorkflow', fixture: 'orderWorkflow', statuses: orderRun},
	{name: 'orderWorkflow.ascii', fixture: 'orderWorkflow', statuses: orderRun, theme: asciiTheme},
	{
		name: 'parallelBranches',
		fixture: 'parallelBranches',
		// One branch failed, AWS stopped the other, and the Parallel's Catch took over.
		statuses: {
			'CheckAll/0/ReserveStock': {kind: StatusKind.Failed},
			'CheckAll/1/PriceOrder': {kind: StatusKind.Cancelled},
			CheckAll: {kind: StatusKind.Caught},
			Compensate: {kind: StatusKind.Failed},
		},
	},
	{
		name: 'mapProcessor',
		fixture: 'mapProcessor',
		statuses: {
			ListImages: {kind: StatusKind.Succeeded},
			ResizeAll: {kind: StatusKind.Iterations, done: 3, total: 5, failed: 1},
			'ResizeAll/Resize': {kind: StatusKind.Succeeded},
			'ResizeAll/Store': {kind: StatusKind.InProgress},
		},
	},
	{
		name: 'mapProcessor.collapsed',
		fixture: 'mapProcessor',
		options: {collapsed: new Set(['ResizeAll'])},
		statuses: {
			ListImages: {kind: StatusKind.Succeeded},
			ResizeAll: {kind: StatusKind.Iterations, done: 7, total: 10, failed: 2},
		},
	},
	{
		name: 'counterLoop',
		fixture: 'counterLoop',
		statuses: {
			Init: {kind: StatusKind.Succeeded},
			CheckCount: {kind: StatusKind.Succeeded},
			Increment: {kind: StatusKind.Succeeded},
			Pause: {kind: StatusKind.InProgress},
		},
	},
	{
		name: 'nestedPolling',
		fixture: 'nestedPolling',
		statuses: {
			Fan: {kind: StatusKind.InProgress},
			'Fan/0/PerItem': {kind: StatusKind.Iterations, done: 12, total: 40, failed: 0},
			'Fan/0/PerItem/Resize': {kind: StatusKind.InProgress},
			'Fan/1/Poll': {kind: StatusKind.Waiting},
		},
	},
];

const update = process.env.UPDATE_GOLDEN === '1';

function fixture(name: string): StateMachineDefinition {
	return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as StateMachineDefinition;
}

for (const golden of cases) {
	test(`golden: ${golden.name}`, () => {
		const layout = layoutGraph(buildGraph(fixture(golden.fixture)), golden.options);
		const drawing = `${gridToString(paintGraph(layout, golden.statuses, golden.theme))}\n`;
		const file = new URL(`./golden/${golden.name}.txt`, import.meta.url);
		if (update) {
			writeFileSync(file, drawing);
			return;
		}
		assert.ok(existsSync(file), `golden/${golden.name}.txt is missing: run with UPDATE_GOLDEN=1 and review it`);
		assert.equal(drawing, readFileSync(file, 'utf8'));
	});
}
