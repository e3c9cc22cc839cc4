import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {loadProject} from '../../source/project/loadProject.js';
import type {Project} from '../../source/project/model.js';

const samTemplate = fileURLToPath(new URL('../../fixtures/templates/sam/template.yaml', import.meta.url));
const script = fileURLToPath(new URL('./translateSam.py', import.meta.url));

const samtranslatorAvailable = spawnSync('python3', ['-c', 'import samtranslator'], {stdio: 'ignore'}).status === 0;
const skip = samtranslatorAvailable ? false : 'AWS SAM translator not installed (python3 -c "import samtranslator" fails); pip install aws-sam-translator to run this test';

/** The SAM fixture translated to CloudFormation by AWS's own translator, written to a temp file. */
function translate(parameters: Record<string, string> = {}): string {
	const result = spawnSync('python3', [script, samTemplate, ...Object.entries(parameters).map(([key, value]) => `${key}=${value}`)], {
		encoding: 'utf8',
		maxBuffer: 16 * 1024 * 1024,
	});
	assert.equal(result.status, 0, `the SAM translator rejected the fixture: ${result.stderr}`);
	const output = join(mkdtempSync(join(tmpdir(), 'stratus-sam-')), 'translated.template.json');
	writeFileSync(output, result.stdout);
	return output;
}

/** What the loader must agree on whether it reads the SAM template or SAM's own translation of it. */
function comparable(project: Project) {
	return {
		functions: project.functions
			.map(fn => ({
				logicalId: fn.logicalId,
				name: fn.name,
				arn: fn.arn,
				runtime: fn.runtime,
				handler: fn.handler,
				codeDir: fn.codeDir,
				memorySize: fn.memorySize,
				timeout: fn.timeout,
				environment: fn.environment,
				layers: fn.layers,
				architectures: fn.architectures,
				reservedConcurrency: fn.reservedConcurrency,
				deadLetterTarget: fn.deadLetterTarget,
				eventInvokeConfig: fn.eventInvokeConfig,
			}))
			.sort((a, b) => a.logicalId.localeCompare(b.logicalId)),
		stateMachines: project.stateMachines
			.map(({logicalId, name, arn, type, definition}) => ({logicalId, name, arn, type, definition}))
			.sort((a, b) => a.logicalId.localeCompare(b.logicalId)),
		activities: project.activities,
		layers: project.layers.map(({name, arn, contentDir, compatibleRuntimes}) => ({name, arn, contentDir, compatibleRuntimes})),
		schedules: project.schedules
			.map(({expression, timezone, enabled, target, input}) => ({expression, timezone, enabled, target, input}))
			.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
	};
}

test('AWS SAM translator translates the SAM fixture without error', {skip}, () => {
	const translated = JSON.parse(spawnSync('python3', [script, samTemplate], {encoding: 'utf8'}).stdout) as {Resources: Record<string, {Type: string}>};
	const types = Object.values(translated.Resources).map(resource => resource.Type);
	assert.equal(types.filter(type => type === 'AWS::Lambda::Function').length, 5);
	assert.equal(types.filter(type => type === 'AWS::StepFunctions::StateMachine').length, 3);
	assert.ok(!types.some(type => type.startsWith('AWS::Serverless::')));
});

const parameterSets: Array<[label: string, parameters: Record<string, string>]> = [
	['defaults', {}],
	['prod overrides', {Stage: 'prod', OrdersTableName: 'orders-prod'}],
];

for (const [label, parameters] of parameterSets) {
	test(`reading the SAM fixture agrees with reading SAM's own translation of it (${label})`, {skip}, () => {
		const translated = translate(parameters);
		const options = {stackName: 'shop', parameterOverrides: parameters};
		const fromSam = comparable(loadProject(samTemplate, options));
		const fromCloudFormation = comparable(loadProject(translated, options));
		// Globals merging, AutoPublishAlias targets, inline definitions and schedules all
		// went through AWS's translator on one side and through stratus on the other.
		assert.deepEqual(fromCloudFormation, fromSam);
	});
}
