import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {loadProject, validateTemplate} from '../../source/project/loadProject.js';

const root = fileURLToPath(new URL('../../fixtures/templates/cdk/', import.meta.url)).replace(/\/$/, '');
const templatePath = join(root, 'MyStack.template.json');
const assetFolder = join(root, 'asset.3f9c2a61d8e04b7c95a1e2f0b6d4c8a7e5f3b1d9c7a5e3f1b9d7c5a3e1f9b7d5');

test('the CDK fixture validates without problems (BootstrapVersion is only read by Rules)', () => {
	assert.deepEqual(validateTemplate(templatePath), []);
});

test('the CDK fixture: the stack name comes from the file name, code from the asset folder', () => {
	const project = loadProject(templatePath);
	assert.equal(project.stackName, 'MyStack');
	const [order, notify] = project.functions;
	assert.deepEqual(order, {
		logicalId: 'OrderFn4B2C1A8F',
		name: 'OrderFn4B2C1A8F',
		arn: 'arn:aws:lambda:us-east-1:123456789012:function:OrderFn4B2C1A8F',
		runtime: 'nodejs20.x',
		handler: 'index.handler',
		codeDir: assetFolder,
		memorySize: 512,
		timeout: 30,
		environment: {TABLE_NAME: 'OrdersTable315BB997'},
		layers: [],
		eventInvokeConfig: {maximumRetryAttempts: 0},
	});
	assert.ok(existsSync(join(order.codeDir, 'index.js')));
	assert.equal(notify.logicalId, 'NotifyFnE1F3A2B7');
	assert.ok(existsSync(join(notify.codeDir, 'index.js')), 'Code.ZipFile is written out as index.js');
	assert.deepEqual(project.versions, [{logicalId: 'OrderFnCurrentVersion5C7E3D9A8b1f4c2e6a9d0b3f5e7c1a2d', functionName: 'OrderFn4B2C1A8F', description: 'Order processor'}]);
	assert.deepEqual(project.aliases, [{logicalId: 'OrderFnAliasLive2F6B8D31', functionName: 'OrderFn4B2C1A8F', name: 'live', functionVersion: '1'}]);
});

test('the CDK fixture: the Fn::Join DefinitionString resolves to the local functions ARNs', () => {
	const project = loadProject(templatePath, {region: 'ap-southeast-2', accountId: '444455556666'});
	const [machine] = project.stateMachines;
	assert.equal(machine.name, 'OrderFlow5A1C7E93');
	assert.equal(machine.arn, 'arn:aws:states:ap-southeast-2:444455556666:stateMachine:OrderFlow5A1C7E93');
	assert.equal(machine.type, 'STANDARD');
	assert.equal(machine.definition.StartAt, 'ProcessOrder');
	assert.equal(machine.definition.TimeoutSeconds, 300);
	const states = machine.definition.States as unknown as Record<string, Record<string, unknown>>;
	assert.equal(states.ProcessOrder.Resource, 'arn:aws:states:::lambda:invoke');
	assert.deepEqual(states.ProcessOrder.Parameters, {'FunctionName': project.functions[0].arn, 'Payload.$': '$'});
	assert.equal(project.functions[0].arn, 'arn:aws:lambda:ap-southeast-2:444455556666:function:OrderFn4B2C1A8F');
	assert.equal(states.NotifyCustomer.Resource, project.functions[1].arn);
	assert.deepEqual(project.schedules, [
		{name: 'NightlyOrdersRule8F3B5D27', expression: 'cron(0 2 * * ? *)', timezone: 'UTC', enabled: true, input: '{"source":"nightly"}', target: machine.arn},
	]);
});

test('the CDK fixture: IAM is one quiet notice, CDK metadata and the table one line each', () => {
	const project = loadProject(templatePath);
	assert.deepEqual(project.notices, [
		{path: 'Resources/OrdersTable315BB997', message: 'OrdersTable315BB997: AWS::DynamoDB::Table (a DynamoDB table) is not run by stratus yet; references to it resolve to placeholder values'},
		{path: 'Resources/CDKMetadata', message: "CDKMetadata is CDK's usage metadata; there is nothing to run"},
		{
			path: 'Resources/OrderFnServiceRoleC3A1F2D9',
			message: 'IAM roles, policies and permissions are not enforced locally (OrderFnServiceRoleC3A1F2D9, OrderFnServiceRoleDefaultPolicy7D5E2B41, NotifyFnServiceRole8E2D4F10, OrderFlowRoleB6F8A2C4 and 2 more)',
		},
	]);
	// In a region outside CDK's analytics list the metadata resource's condition leaves it out.
	assert.equal(loadProject(templatePath, {region: 'us-gov-west-1'}).notices.some(notice => notice.path === 'Resources/CDKMetadata'), false);
});

test('the CDK fixture needs the BootstrapVersion parameter only if something reads it', () => {
	const project = loadProject(templatePath, {parameterOverrides: {BootstrapVersion: '21'}});
	assert.deepEqual(project.notices.filter(notice => notice.path.startsWith('parameterOverrides')), []);
});
