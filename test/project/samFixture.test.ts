import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {loadProject, validateTemplate} from '../../source/project/loadProject.js';
import type {Project} from '../../source/project/model.js';

const root = fileURLToPath(new URL('../../fixtures/templates/sam/', import.meta.url)).replace(/\/$/, '');
const templatePath = join(root, 'template.yaml');

function byId<T extends {logicalId: string}>(items: T[], logicalId: string): T {
	const item = items.find(candidate => candidate.logicalId === logicalId);
	assert.ok(item, `${logicalId} is in the project`);
	return item;
}

test('the SAM fixture validates without problems', () => {
	assert.deepEqual(validateTemplate(templatePath), []);
});

test('the SAM fixture: functions with Globals merged, code folders, defaults and settings', () => {
	const project = loadProject(templatePath, {stackName: 'shop'});
	assert.equal(project.root, root);
	assert.equal(project.templatePath, templatePath);
	assert.deepEqual([project.region, project.accountId, project.stackName], ['us-east-1', '123456789012', 'shop']);
	// AuditFunction's condition (prod in us-east-1) is false with the default Stage.
	assert.deepEqual(project.functions.map(fn => fn.logicalId), ['ValidateOrderFunction', 'ChargeCardFunction', 'NightlyReportFunction', 'HelloInlineFunction']);

	const sharedLayer = 'arn:aws:lambda:us-east-1:123456789012:layer:shop-shared:1';
	assert.deepEqual(byId(project.functions, 'ValidateOrderFunction'), {
		logicalId: 'ValidateOrderFunction',
		name: 'ValidateOrderFunction',
		arn: 'arn:aws:lambda:us-east-1:123456789012:function:ValidateOrderFunction',
		runtime: 'nodejs20.x',
		handler: 'app.handler',
		codeDir: join(root, 'functions/validate-order'),
		memorySize: 256,
		timeout: 10,
		environment: {STAGE: 'dev', LOG_LEVEL: 'info', TABLE_NAME: 'orders', ALERT_EMAIL: 'ops@example.com'},
		layers: [sharedLayer],
	});
	assert.deepEqual(byId(project.functions, 'ChargeCardFunction'), {
		logicalId: 'ChargeCardFunction',
		name: 'shop-charge-card-dev',
		arn: 'arn:aws:lambda:us-east-1:123456789012:function:shop-charge-card-dev',
		runtime: 'nodejs20.x',
		handler: 'app.handler',
		codeDir: join(root, 'functions/charge-card'),
		memorySize: 512,
		timeout: 20,
		environment: {
			STAGE: 'dev',
			LOG_LEVEL: 'debug',
			QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/shop-payments-dlq',
			REGION_AZS: 'us-east-1a,us-east-1b,us-east-1c',
			GREETING: 'aGVsbG8=',
		},
		layers: [sharedLayer],
		architectures: ['arm64'],
		reservedConcurrency: 5,
		autoPublishAlias: 'live',
		eventInvokeConfig: {maximumRetryAttempts: 1, maximumEventAgeInSeconds: 600, onFailure: 'arn:aws:sqs:us-east-1:123456789012:shop-payments-dlq'},
		deadLetterTarget: 'arn:aws:sqs:us-east-1:123456789012:shop-payments-dlq',
	});
	const report = byId(project.functions, 'NightlyReportFunction');
	assert.equal(report.runtime, 'python3.12');
	assert.equal(report.timeout, 30);
	assert.deepEqual(report.layers, [sharedLayer, 'arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:68']);
	assert.ok(existsSync(join(report.codeDir, 'app.py')));
	const inline = byId(project.functions, 'HelloInlineFunction');
	assert.equal(inline.environment.BUCKET, '123456789012-scratch');
	assert.match(readFileSync(join(inline.codeDir, 'index.js'), 'utf8'), /hello: event\.name/);

	assert.deepEqual(project.layers, [
		{logicalId: 'SharedLayer', name: 'shop-shared', contentDir: join(root, 'layers/shared'), arn: sharedLayer, compatibleRuntimes: ['nodejs20.x']},
	]);
});

test('the SAM fixture: state machines resolve every ARN to a local resource', () => {
	const project = loadProject(templatePath, {stackName: 'shop', region: 'eu-west-1', accountId: '210987654321'});
	const order = byId(project.stateMachines, 'OrderWorkflow');
	assert.equal(order.name, 'order-workflow-dev');
	assert.equal(order.arn, 'arn:aws:states:eu-west-1:210987654321:stateMachine:order-workflow-dev');
	assert.equal(order.type, 'STANDARD');
	const states = order.definition.States as unknown as Record<string, Record<string, unknown>>;
	assert.equal(states.ValidateOrder.Resource, byId(project.functions, 'ValidateOrderFunction').arn);
	assert.equal(states.WaitForApproval.Resource, project.activities[0].arn);
	assert.equal(project.activities[0].arn, 'arn:aws:states:eu-west-1:210987654321:activity:order-approval-dev');
	assert.deepEqual(states.ChargeCard.Parameters, {
		'FunctionName': 'arn:aws:lambda:eu-west-1:210987654321:function:shop-charge-card-dev:live',
		'Payload.$': '$',
		'Table': 'orders',
	});

	const report = byId(project.stateMachines, 'ReportWorkflow');
	assert.equal(report.type, 'EXPRESS');
	assert.deepEqual(report.definition.States.BuildReport, {Type: 'Task', Resource: byId(project.functions, 'NightlyReportFunction').arn, End: true});

	const probe = byId(project.stateMachines, 'ProbeWorkflow');
	assert.equal(probe.definition.Comment, 'Probe for shop in eu-west-1');
	assert.deepEqual(probe.definition.States.Probe, {
		Type: 'Task',
		Resource: byId(project.functions, 'HelloInlineFunction').arn,
		Parameters: {'name.$': '$.name', 'stage': 'development'},
		End: true,
	});
});

test('the SAM fixture: schedules from Schedule and ScheduleV2 events, the API event as a notice', () => {
	const project: Project = loadProject(templatePath, {stackName: 'shop'});
	assert.deepEqual(project.schedules, [
		{
			name: 'NightlyReportFunction/Nightly',
			expression: 'rate(1 hour)',
			timezone: 'UTC',
			enabled: true,
			input: '{"report": "daily"}',
			target: 'arn:aws:lambda:us-east-1:123456789012:function:NightlyReportFunction',
		},
		{
			name: 'NightlyReportFunction/Weekly',
			expression: 'cron(0 9 ? * MON *)',
			timezone: 'Europe/Berlin',
			enabled: false,
			target: 'arn:aws:lambda:us-east-1:123456789012:function:NightlyReportFunction',
		},
		{
			name: 'OrderWorkflow/Hourly',
			expression: 'rate(1 hour)',
			timezone: 'UTC',
			enabled: false,
			input: '{"source": "schedule"}',
			target: 'arn:aws:states:us-east-1:123456789012:stateMachine:order-workflow-dev',
		},
		{
			name: 'ReportWorkflow/EveryMorning',
			expression: 'cron(30 7 * * ? *)',
			timezone: 'America/New_York',
			enabled: true,
			target: 'arn:aws:states:us-east-1:123456789012:stateMachine:ReportWorkflow',
		},
	]);
	assert.deepEqual(
		project.notices.map(notice => notice.path),
		['Resources/NightlyReportFunction/Properties/Events/Download', 'Resources/OrdersTable', 'Resources/PaymentsDeadLetterQueue', 'Resources/OrdersApi', 'Resources/NightlyReportFunction/Properties/Layers'],
	);
});

test('the SAM fixture in prod: overrides change mappings, conditions and names', () => {
	const project = loadProject(templatePath, {stackName: 'shop', parameterOverrides: {Stage: 'prod', OrdersTableName: 'orders-prod'}});
	assert.ok(project.functions.some(fn => fn.logicalId === 'AuditFunction'));
	assert.equal(byId(project.functions, 'ValidateOrderFunction').memorySize, 1024);
	assert.equal(byId(project.functions, 'ValidateOrderFunction').environment.TABLE_NAME, 'orders-prod');
	assert.equal(byId(project.functions, 'HelloInlineFunction').environment.BUCKET, undefined);
	assert.equal(project.schedules[0].expression, 'cron(0 6 * * ? *)');
	assert.equal(byId(project.stateMachines, 'OrderWorkflow').name, 'order-workflow-prod');
	assert.deepEqual((byId(project.stateMachines, 'ProbeWorkflow').definition.States.Probe as {Parameters: unknown}).Parameters, {'name.$': '$.name', 'stage': 'production'});
});
