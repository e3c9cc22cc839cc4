import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {loadProject, validateTemplate} from '../../source/project/loadProject.js';
import {describeProblems, load, problemsOf, samHeader, writeApp} from './templateHelpers.js';

const fn = (id: string, extra = '') => `  ${id}:
    Type: AWS::Lambda::Function
    Properties:
      Code: src
      Handler: app.handler
      Runtime: nodejs20.x
${extra}`;

test('AWS::Events::Rule schedules fire each local target; other targets and event patterns get notices', () => {
	const project = load(`Resources:
${fn('Worker')}  Queue:
    Type: AWS::SQS::Queue
  Nightly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: cron(0 3 * * ? *)
      State: DISABLED
      Targets:
        - Id: Work
          Arn: !GetAtt Worker.Arn
          InputPath: $.detail
        - Id: Enqueue
          Arn: !GetAtt Queue.Arn
  Single:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(5 minutes)
      Targets:
        - {Id: Only, Arn: !Ref WorkerLive, Input: '{"k": 1}'}
  WorkerLive:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Worker
      FunctionVersion: $LATEST
      Name: live
  OnUpload:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: {source: [aws.s3]}
      Targets: [{Id: W, Arn: !GetAtt Worker.Arn}]
`);
	assert.deepEqual(project.schedules, [
		{
			name: 'Nightly/Work',
			expression: 'cron(0 3 * * ? *)',
			timezone: 'UTC',
			enabled: false,
			inputPath: '$.detail',
			target: 'arn:aws:lambda:us-east-1:123456789012:function:Worker',
		},
		{
			name: 'Single',
			expression: 'rate(5 minutes)',
			timezone: 'UTC',
			enabled: true,
			input: '{"k": 1}',
			target: 'arn:aws:lambda:us-east-1:123456789012:function:Worker:live',
		},
	]);
	const notices = project.notices.map(notice => `${notice.path}: ${notice.message}`);
	assert.ok(notices.includes('Resources/OnUpload: OnUpload matches an event pattern; stratus does not route EventBridge events yet'));
	assert.ok(
		notices.includes(
			'Resources/Nightly/Properties/Targets/1: schedule Nightly/Enqueue targets arn:aws:sqs:us-east-1:123456789012:Queue, which is not a function or state machine of this template; it does not run',
		),
	);
});

test('AWS::Scheduler::Schedule keeps its time zone, state and input', () => {
	const project = load(`Resources:
${fn('Worker')}  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineName: reports
      Definition: {StartAt: Go, States: {Go: {Type: Pass, End: true}}}
  Morning:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: cron(0 8 ? * MON-FRI *)
      ScheduleExpressionTimezone: Europe/Paris
      FlexibleTimeWindow: {Mode: 'OFF'}
      Target:
        Arn: !Ref Machine
        RoleArn: arn:aws:iam::123456789012:role/scheduler
        Input: '{"kind": "morning"}'
  Once:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: at(2030-01-01T00:00:00)
      State: DISABLED
      FlexibleTimeWindow: {Mode: 'OFF'}
      Target: {Arn: !GetAtt Worker.Arn, RoleArn: arn:aws:iam::123456789012:role/scheduler}
`);
	assert.deepEqual(project.schedules, [
		{
			name: 'Morning',
			expression: 'cron(0 8 ? * MON-FRI *)',
			timezone: 'Europe/Paris',
			enabled: true,
			input: '{"kind": "morning"}',
			target: 'arn:aws:states:us-east-1:123456789012:stateMachine:reports',
		},
		{name: 'Once', expression: 'at(2030-01-01T00:00:00)', timezone: 'UTC', enabled: false, target: 'arn:aws:lambda:us-east-1:123456789012:function:Worker'},
	]);
});

test('Lambda versions are numbered per function in template order; aliases keep their routing weights', () => {
	const project = load(`Resources:
${fn('Worker', '      FunctionName: worker\n')}  V1:
    Type: AWS::Lambda::Version
    Properties: {FunctionName: !Ref Worker, Description: first}
  V2:
    Type: AWS::Lambda::Version
    Properties: {FunctionName: !GetAtt Worker.Arn}
  Live:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Worker
      FunctionVersion: !GetAtt V2.Version
      Name: live
      RoutingConfig:
        AdditionalVersionWeights:
          - FunctionVersion: !GetAtt V1.Version
            FunctionWeight: 0.25
${fn('Reporter', `      Environment:
        Variables:
          V1: !Ref V1
          V2: !Ref V2
          ALIAS: !Ref Live
`)}`);
	assert.deepEqual(project.versions, [
		{logicalId: 'V1', functionName: 'worker', description: 'first'},
		{logicalId: 'V2', functionName: 'worker'},
	]);
	assert.deepEqual(project.aliases, [{logicalId: 'Live', functionName: 'worker', name: 'live', functionVersion: '2', additionalVersionWeights: {'1': 0.25}}]);
	assert.deepEqual(project.functions[1].environment, {
		V1: 'arn:aws:lambda:us-east-1:123456789012:function:worker:1',
		V2: 'arn:aws:lambda:us-east-1:123456789012:function:worker:2',
		ALIAS: 'arn:aws:lambda:us-east-1:123456789012:function:worker:live',
	});
});

test('inline code (ZipFile, InlineCode) is written to a folder of its own as index.js or index.py', () => {
	const project = load(`${samHeader}Resources:
  Py:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: python3.12
      Code:
        ZipFile: |
          def handler(event, context):
              return event
  Js:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      InlineCode: "exports.handler = async () => 'inline';"
`);
	const [py, js] = project.functions;
	assert.equal(readFileSync(join(py.codeDir, 'index.py'), 'utf8'), 'def handler(event, context):\n    return event\n');
	assert.equal(readFileSync(join(js.codeDir, 'index.js'), 'utf8'), "exports.handler = async () => 'inline';");
	assert.notEqual(py.codeDir, js.codeDir);
	assert.deepEqual(
		describeProblems(
			problemsOf(`Resources:
  Rb:
    Type: AWS::Lambda::Function
    Properties: {Handler: index.handler, Runtime: ruby3.3, Code: {ZipFile: 'def handler; end'}}
`),
		),
		['Resources/Rb/Properties/Code/ZipFile: inline code runs on Node.js and Python runtimes only, not ruby3.3'],
	);
});

test('validateTemplate never writes inline code; loadProject does', () => {
	const source = `exports.handler = async () => '${process.pid}-${Date.now()}';`;
	const root = writeApp({
		'template.yaml': `Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: {Handler: index.handler, Runtime: nodejs20.x, Code: {ZipFile: "${source}"}}\n`,
	});
	const template = join(root, 'template.yaml');
	const {codeDir} = loadProject(template).functions[0];
	assert.equal(readFileSync(join(codeDir, 'index.js'), 'utf8'), source);
	rmSync(codeDir, {recursive: true});
	assert.deepEqual(validateTemplate(template), []);
	assert.equal(existsSync(codeDir), false);
	loadProject(template);
	assert.equal(existsSync(join(codeDir, 'index.js')), true);
});

test('layers from the template are matched by ARN; foreign layers get a notice', () => {
	const project = load(`Resources:
  Shared:
    Type: AWS::Lambda::LayerVersion
    Properties:
      LayerName: shared
      Content: layer
      CompatibleRuntimes: [nodejs20.x]
${fn('Worker', `      Layers:
        - !Ref Shared
        - arn:aws:lambda:us-east-1:999999999999:layer:vendor:4
`)}`, {}, {'layer/nodejs/index.js': ''});
	assert.equal(project.layers.length, 1);
	assert.equal(project.layers[0].arn, 'arn:aws:lambda:us-east-1:123456789012:layer:shared:1');
	assert.match(project.layers[0].contentDir, /\/layer$/);
	assert.deepEqual(project.functions[0].layers, ['arn:aws:lambda:us-east-1:123456789012:layer:shared:1', 'arn:aws:lambda:us-east-1:999999999999:layer:vendor:4']);
	assert.deepEqual(project.notices, [
		{
			path: 'Resources/Worker/Properties/Layers',
			message: 'layer arn:aws:lambda:us-east-1:999999999999:layer:vendor:4 is not part of this template, so its content is not available to Worker locally',
		},
	]);
});

test('state machine definitions: inline with intrinsics, files with textual substitutions', () => {
	const project = load(
		`Parameters:
  Timeout: {Type: Number, Default: 45}
Resources:
${fn('Worker')}  Inline:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineType: EXPRESS
      Definition:
        StartAt: Work
        States:
          Work: {Type: Task, Resource: !GetAtt Worker.Arn, Comment: '\${Note}', End: true}
      DefinitionSubstitutions: {Note: from substitution}
  FromFile:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionS3Location: definitions/machine.json
      DefinitionSubstitutions:
        WorkerArn: !GetAtt Worker.Arn
        Timeout: !Ref Timeout
`,
		{},
		{
			'definitions/machine.json':
				'{"StartAt": "Work", "TimeoutSeconds": ${Timeout}, "States": {"Work": {"Type": "Task", "Resource": "${WorkerArn}", "Comment": "${Untouched}", "End": true}}}',
		},
	);
	const [inline, fromFile] = project.stateMachines;
	assert.equal(inline.type, 'EXPRESS');
	assert.deepEqual(inline.definition.States.Work, {
		Type: 'Task',
		Resource: 'arn:aws:lambda:us-east-1:123456789012:function:Worker',
		Comment: 'from substitution',
		End: true,
	});
	assert.equal(fromFile.type, 'STANDARD');
	assert.equal(fromFile.definition.TimeoutSeconds, 45);
	assert.deepEqual(fromFile.definition.States.Work, {
		Type: 'Task',
		Resource: 'arn:aws:lambda:us-east-1:123456789012:function:Worker',
		Comment: '${Untouched}',
		End: true,
	});
});

test('names: FunctionName, Name and StateMachineName win over logical ids, and must be unique', () => {
	const project = load(`${samHeader}Resources:
  Approve:
    Type: AWS::StepFunctions::Activity
    Properties: {Name: approvals}
  Unnamed:
    Type: AWS::StepFunctions::Activity
`);
	assert.deepEqual(
		project.activities.map(activity => [activity.name, activity.arn]),
		[
			['approvals', 'arn:aws:states:us-east-1:123456789012:activity:approvals'],
			['Unnamed', 'arn:aws:states:us-east-1:123456789012:activity:Unnamed'],
		],
	);
	assert.deepEqual(describeProblems(problemsOf(`Resources:\n${fn('A', '      FunctionName: same\n')}${fn('B', '      FunctionName: same\n')}`)), [
		"Resources/B: A and B are both the function named 'same'",
	]);
});

test('resources stratus does not run become notices; container image functions too', () => {
	const project = load(`${samHeader}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: {StageName: prod}
  Bucket:
    Type: AWS::S3::Bucket
  Role:
    Type: AWS::IAM::Role
    Properties: {AssumeRolePolicyDocument: {}}
  Permission:
    Type: AWS::Lambda::Permission
    Properties: {Action: lambda:InvokeFunction, FunctionName: x, Principal: s3.amazonaws.com}
  Image:
    Type: AWS::Serverless::Function
    Properties: {PackageType: Image, ImageUri: 123.dkr.ecr.us-east-1.amazonaws.com/app:latest}
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src
      Handler: app.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          BUCKET: !Ref Bucket
          BUCKET_ARN: !GetAtt Bucket.Arn
          API: !Sub 'https://\${Api}.execute-api.\${AWS::Region}.amazonaws.com/\${Api.Stage}'
      Events:
        Queue:
          Type: SQS
          Properties: {Queue: arn:aws:sqs:us-east-1:123456789012:q}
`);
	assert.deepEqual(
		project.notices.map(notice => `${notice.path}: ${notice.message}`),
		[
			'Resources/Api: Api: AWS::Serverless::Api (an API Gateway REST API) is not run by stratus yet; references to it resolve to placeholder values',
			'Resources/Bucket: Bucket: AWS::S3::Bucket (an S3 bucket) is not run by stratus yet; references to it resolve to placeholder values',
			'Resources/Image: Image is a container image function, which stratus does not run',
			'Resources/Worker/Properties/Events/Queue: SQS event of Worker: stratus does not deliver SQS events yet',
			'Resources/Role: IAM roles, policies and permissions are not enforced locally (Role, Permission)',
		],
	);
	const env = project.functions[0].environment;
	assert.equal(env.BUCKET, 'bucket');
	assert.equal(env.BUCKET_ARN, 'arn:aws:s3:::bucket');
	assert.match(env.API, /^https:\/\/[0-9a-f]{10}\.execute-api\.us-east-1\.amazonaws\.com\/prod$/);
});

test('SAM-generated resources can be referred to; Fn.Alias needs AutoPublishAlias', () => {
	const template = (alias: string) => `${samHeader}Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src
      Handler: app.handler
      Runtime: nodejs20.x
${alias}      Events:
        Tick: {Type: Schedule, Properties: {Schedule: rate(1 minute)}}
  Reporter:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src
      Handler: app.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          ROLE: !GetAtt WorkerRole.Arn
          RULE: !Ref WorkerTick
          ALIAS: !Ref Worker.Alias
`;
	const project = load(template('      AutoPublishAlias: live\n'));
	assert.deepEqual(project.functions[1].environment, {
		ROLE: 'arn:aws:iam::123456789012:role/WorkerRole',
		RULE: 'WorkerTick',
		ALIAS: 'arn:aws:lambda:us-east-1:123456789012:function:Worker:live',
	});
	assert.equal(project.schedules[0].target, 'arn:aws:lambda:us-east-1:123456789012:function:Worker:live');
	assert.deepEqual(describeProblems(problemsOf(template(''))), [
		'Resources/Reporter/Properties/Environment/Variables/ALIAS: Ref Worker.Alias needs AutoPublishAlias on Worker',
	]);
});
