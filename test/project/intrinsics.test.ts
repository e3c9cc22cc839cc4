import {test} from 'node:test';
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {loadProject} from '../../source/project/loadProject.js';
import {describeProblems, environmentOf, load, oneFunctionTemplate, problemsOf, writeApp} from './templateHelpers.js';

const parameters = `Parameters:
  Stage:
    Type: String
    Default: dev
  Zones:
    Type: CommaDelimitedList
    Default: a, b ,c
  AttributeName:
    Type: String
    Default: Arn
Mappings:
  Sizes:
    dev:
      Memory: 256
    prod:
      Memory: 2048
`;

const queue = `  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub 'orders-\${Stage}'
`;

test('Ref gives parameter values and pseudo parameters for the chosen region and account', () => {
	const env = environmentOf(
		`
		STAGE: !Ref Stage
		REGION: !Ref AWS::Region
		ACCOUNT: !Ref AWS::AccountId
		STACK: !Ref AWS::StackName
		STACK_ID: !Ref AWS::StackId
		PARTITION: !Ref AWS::Partition
		SUFFIX: !Ref AWS::URLSuffix`,
		parameters,
		{region: 'cn-north-1', accountId: '111122223333', stackName: 'orders-stack'},
	);
	assert.equal(env.STAGE, 'dev');
	assert.equal(env.REGION, 'cn-north-1');
	assert.equal(env.ACCOUNT, '111122223333');
	assert.equal(env.STACK, 'orders-stack');
	assert.match(env.STACK_ID, /^arn:aws-cn:cloudformation:cn-north-1:111122223333:stack\/orders-stack\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
	assert.equal(env.PARTITION, 'aws-cn');
	assert.equal(env.SUFFIX, 'amazonaws.com.cn');
});

test('Ref to a resource gives what CloudFormation documents for its type', () => {
	const env = environmentOf(
		`
		SELF: !Ref Fn
		QUEUE_URL: !Ref Queue
		MACHINE: !Ref Machine`,
		parameters,
		{},
		`${queue}  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: checkout
      Definition: {StartAt: Done, States: {Done: {Type: Succeed}}}
`,
	);
	assert.equal(env.SELF, 'Fn');
	assert.equal(env.QUEUE_URL, 'https://sqs.us-east-1.amazonaws.com/123456789012/orders-dev');
	assert.equal(env.MACHINE, 'arn:aws:states:us-east-1:123456789012:stateMachine:checkout');
});

test('Fn::GetAtt in dotted, list and long forms, with the attribute name from a parameter', () => {
	const env = environmentOf(
		`
		DOTTED: !GetAtt Queue.Arn
		LISTED: !GetAtt [Queue, QueueName]
		LONG: {'Fn::GetAtt': [Queue, Arn]}
		BY_PARAMETER: !GetAtt [Queue, !Ref AttributeName]
		OWN_ARN: !GetAtt Fn.Arn`,
		parameters,
		{},
		queue,
	);
	assert.equal(env.DOTTED, 'arn:aws:sqs:us-east-1:123456789012:orders-dev');
	assert.equal(env.LISTED, 'orders-dev');
	assert.equal(env.LONG, 'arn:aws:sqs:us-east-1:123456789012:orders-dev');
	assert.equal(env.BY_PARAMETER, 'arn:aws:sqs:us-east-1:123456789012:orders-dev');
	assert.equal(env.OWN_ARN, 'arn:aws:lambda:us-east-1:123456789012:function:Fn');
});

test('Fn::Sub substitutes parameters, resources, attributes and variables, and keeps ${!Literal}', () => {
	const env = environmentOf(
		`
		PLAIN: !Sub '\${Stage}-\${AWS::Region}-\${Queue}'
		ATTRIBUTE: !Sub 'queue \${Queue.QueueName} of \${Fn}'
		LITERAL: !Sub 'cost: \${!Price} for \${Stage}'
		VARIABLES: !Sub
		  - '\${Name}/\${Size}/\${Stage}'
		  - Name: !Join ['-', [a, b]]
		    Size: !FindInMap [Sizes, !Ref Stage, Memory]
		NO_VARIABLES: !Sub 'just text'`,
		parameters,
		{},
		queue,
	);
	assert.equal(env.PLAIN, 'dev-us-east-1-https://sqs.us-east-1.amazonaws.com/123456789012/orders-dev');
	assert.equal(env.ATTRIBUTE, 'queue orders-dev of Fn');
	assert.equal(env.LITERAL, 'cost: ${Price} for dev');
	assert.equal(env.VARIABLES, 'a-b/256/dev');
	assert.equal(env.NO_VARIABLES, 'just text');
});

test('Fn::Join, Fn::Select, Fn::Split, Fn::GetAZs and Fn::Base64 compose', () => {
	const env = environmentOf(
		`
		JOINED: !Join [':', [!Ref Stage, !Select [1, !Ref Zones], !Select ['2', !GetAZs '']]]
		SPLIT_SELECT: !Select [2, !Split ['/', 'arn/part/three/four']]
		ZONES: !Join [',', !GetAZs eu-west-1]
		ENCODED: !Base64 {'Fn::Sub': 'stage=\${Stage}'}
		EMPTY_JOIN: !Join ['', []]`,
		parameters,
	);
	assert.equal(env.JOINED, 'dev:b:us-east-1c');
	assert.equal(env.SPLIT_SELECT, 'three');
	assert.equal(env.ZONES, 'eu-west-1a,eu-west-1b,eu-west-1c');
	assert.equal(Buffer.from(env.ENCODED, 'base64').toString(), 'stage=dev');
	assert.equal(env.EMPTY_JOIN, '');
});

test('Fn::FindInMap looks up two levels and falls back to DefaultValue', () => {
	const env = environmentOf(
		`
		MEMORY: !FindInMap [Sizes, !Ref Stage, Memory]
		PROD: !FindInMap [Sizes, prod, Memory]
		FALLBACK: !FindInMap [Sizes, qa, Memory, {DefaultValue: 512}]`,
		parameters,
	);
	assert.deepEqual([env.MEMORY, env.PROD, env.FALLBACK], ['256', '2048', '512']);
});

test('Fn::If picks a branch and AWS::NoValue removes the property', () => {
	const env = environmentOf(
		`
		CHOSEN: !If [IsDev, development, production]
		REMOVED: !If [IsDev, !Ref AWS::NoValue, kept]
		KEPT: !If [IsProd, !Ref AWS::NoValue, kept]`,
		`${parameters}Conditions:
  IsDev: !Equals [!Ref Stage, dev]
  IsProd: !Not [!Condition IsDev]
`,
	);
	assert.equal(env.CHOSEN, 'development');
	assert.equal('REMOVED' in env, false);
	assert.equal(env.KEPT, 'kept');
});

test('Fn::ImportValue resolves from a parameter override named after the export', () => {
	const env = environmentOf(`SHARED: !ImportValue network-VpcId`, '', {parameterOverrides: {'network-VpcId': 'vpc-0abc'}});
	assert.equal(env.SHARED, 'vpc-0abc');
});

test('Fn::ImportValue without an override is a problem that says how to supply it', () => {
	const problems = problemsOf(
		oneFunctionTemplate({
			properties: `
				Environment:
				  Variables:
				    SHARED: !ImportValue {'Fn::Sub': 'network-\${AWS::Region}-VpcId'}`,
		}),
	);
	assert.deepEqual(describeProblems(problems), [
		"Resources/Fn/Properties/Environment/Variables/SHARED: Fn::ImportValue 'network-us-east-1-VpcId' reads an export of another stack, which stratus cannot see: pass --parameter-overrides network-us-east-1-VpcId=VALUE",
	]);
});

test('Fn::Cidr, Fn::Length and Fn::ToJsonString', () => {
	const env = environmentOf(
		`
		SUBNETS: !Join [' ', !Cidr [10.0.0.0/16, 3, 8]]
		V6: !Select [1, !Cidr ['2001:db8::/56', 2, 64]]
		COUNT: {'Fn::Length': !Ref Zones}
		DOCUMENT: {'Fn::ToJsonString': {stage: !Ref Stage, zones: !Ref Zones}}`,
		parameters,
	);
	assert.equal(env.SUBNETS, '10.0.0.0/24 10.0.1.0/24 10.0.2.0/24');
	assert.equal(env.V6, '2001:db8:0:1::/64');
	assert.equal(env.COUNT, '3');
	assert.deepEqual(JSON.parse(env.DOCUMENT), {stage: 'dev', zones: ['a', 'b', 'c']});
});

test('a JSON template with long forms resolves like its YAML twin', () => {
	const root = writeApp({
		'src/app.mjs': 'export const handler = async () => ({});\n',
		'app.template.json': JSON.stringify({
			Parameters: {Stage: {Type: 'String', Default: 'prod'}},
			Conditions: {IsProd: {'Fn::Equals': [{Ref: 'Stage'}, 'prod']}},
			Resources: {
				Fn: {
					Type: 'AWS::Lambda::Function',
					Properties: {
						FunctionName: {'Fn::Join': ['-', [{Ref: 'AWS::StackName'}, 'worker']]},
						Code: 'src',
						Handler: 'app.handler',
						Runtime: 'nodejs20.x',
						MemorySize: {'Fn::If': ['IsProd', 1024, 128]},
						Environment: {Variables: {ARN: {'Fn::Sub': '${Fn.Arn}'}, STAGE: {Ref: 'Stage'}}},
					},
				},
			},
		}),
	});
	const project = loadProject(join(root, 'app.template.json'));
	assert.equal(project.stackName, 'app');
	const [fn] = project.functions;
	assert.equal(fn.name, 'app-worker');
	assert.equal(fn.memorySize, 1024);
	assert.deepEqual(fn.environment, {ARN: 'arn:aws:lambda:us-east-1:123456789012:function:app-worker', STAGE: 'prod'});
});

test('misused intrinsics are problems at the path of the intrinsic', () => {
	const problems = problemsOf(
		oneFunctionTemplate({
			sections: parameters,
			properties: `
				Environment:
				  Variables:
				    SELECT: !Select [5, !Ref Zones]
				    NESTED: !Join ['-', [x, !Select [-1, [a]]]]
				    SPLIT: !Split [',', [a, b]]
				    SUB_LIST: !Sub 'zones \${Zones}'
				    UNKNOWN: {'Fn::Frobnicate': x}
				    EQUALS: !Equals [a, b]
				    MAP: !FindInMap [Sizes, qa, Memory]
				    ATTRIBUTE: !GetAtt Fn.Nope`,
		}),
	);
	assert.deepEqual(describeProblems(problems), [
		'Resources/Fn/Properties/Environment/Variables/SELECT: Fn::Select index 5 is out of range: the list has 3 items',
		'Resources/Fn/Properties/Environment/Variables/NESTED/Fn::Join/1/1: Fn::Select index must be a whole number of 0 or more, not -1',
		'Resources/Fn/Properties/Environment/Variables/SPLIT: Fn::Split needs a string to split, not a list',
		'Resources/Fn/Properties/Environment/Variables/SUB_LIST: Fn::Sub cannot put a list in place of ${Zones}',
		'Resources/Fn/Properties/Environment/Variables/UNKNOWN: Fn::Frobnicate is not a CloudFormation intrinsic function',
		'Resources/Fn/Properties/Environment/Variables/EQUALS: Fn::Equals can only be used in the Conditions section (use Fn::If with a named condition here)',
		"Resources/Fn/Properties/Environment/Variables/MAP: mapping 'Sizes' has no key 'qa'",
		"Resources/Fn/Properties/Environment/Variables/ATTRIBUTE: AWS::Serverless::Function has no attribute 'Nope' (it has Arn, SnapStartResponse.ApplyOn, SnapStartResponse.OptimizationStatus)",
	]);
});

test('AWS::NoValue inside a list removes the item', () => {
	const project = load(
		oneFunctionTemplate({
			sections: 'Conditions:\n  Never: !Equals [a, b]\n',
			properties: `
				Layers:
				  - !If [Never, arn:aws:lambda:us-east-1:123456789012:layer:debug:1, !Ref AWS::NoValue]
				  - arn:aws:lambda:us-east-1:123456789012:layer:base:2`,
		}),
	);
	assert.deepEqual(project.functions[0].layers, ['arn:aws:lambda:us-east-1:123456789012:layer:base:2']);
});
