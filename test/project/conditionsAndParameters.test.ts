import {test} from 'node:test';
import assert from 'node:assert/strict';
import {describeProblems, environmentOf, load, oneFunctionTemplate, problemsOf, samHeader} from './templateHelpers.js';

const stageTemplate = `${samHeader}Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
  Replicas:
    Type: Number
    Default: 2
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: !Not [!Condition IsProd]
  ManyReplicas: !Equals [!Ref Replicas, 3]
  ProdInUsEast: !And [!Condition IsProd, !Equals [!Ref AWS::Region, us-east-1]]
  DevOrMany: !Or [!Condition IsDev, !Condition ManyReplicas]
Resources:
  Always:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src
      Handler: app.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          MODE: !If [IsProd, production, development]
          PROD_ONLY: !If [IsProd, !GetAtt ProdOnly.Arn, !Ref AWS::NoValue]
          MANY: !If [ManyReplicas, 'yes', 'no']
          DEV_OR_MANY: !If [DevOrMany, 'yes', 'no']
  ProdOnly:
    Type: AWS::Serverless::Function
    Condition: ProdInUsEast
    Properties:
      CodeUri: src
      Handler: app.handler
      Runtime: nodejs20.x
`;

test('conditions leave out resources and pick Fn::If branches from the defaults', () => {
	const project = load(stageTemplate);
	assert.deepEqual(project.functions.map(fn => fn.logicalId), ['Always']);
	assert.deepEqual(project.functions[0].environment, {MODE: 'development', MANY: 'no', DEV_OR_MANY: 'yes'});
});

test('parameter overrides flip conditions; a Number compares with a YAML number as text', () => {
	const project = load(stageTemplate, {parameterOverrides: {Stage: 'prod', Replicas: '3'}});
	assert.deepEqual(project.functions.map(fn => fn.logicalId), ['Always', 'ProdOnly']);
	assert.deepEqual(project.functions[0].environment, {
		MODE: 'production',
		PROD_ONLY: 'arn:aws:lambda:us-east-1:123456789012:function:ProdOnly',
		MANY: 'yes',
		DEV_OR_MANY: 'yes',
	});
	// Outside us-east-1 ProdOnly is left out while IsProd still holds: CloudFormation rejects that too.
	assert.deepEqual(describeProblems(problemsOf(stageTemplate, {parameterOverrides: {Stage: 'prod'}, region: 'eu-west-1'})), [
		"Resources/Always/Properties/Environment/Variables/PROD_ONLY/Fn::If/1: 'ProdOnly' is left out of the stack by its condition 'ProdInUsEast': refer to it only inside an Fn::If on that condition",
	]);
});

test('a Ref to a resource its condition leaves out is a problem outside Fn::If', () => {
	const problems = problemsOf(`${stageTemplate}  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src
      Handler: app.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          TARGET: !Ref ProdOnly
`);
	assert.deepEqual(describeProblems(problems), [
		"Resources/Consumer/Properties/Environment/Variables/TARGET: 'ProdOnly' is left out of the stack by its condition 'ProdInUsEast': refer to it only inside an Fn::If on that condition",
	]);
});

test('condition mistakes: unknown names, cycles, resources in conditions, wrong shapes', () => {
	const problems = problemsOf(`${samHeader}Conditions:
  Loop: !Not [!Condition Loop2]
  Loop2: !And [!Condition Loop, !Equals [a, a]]
  UsesResource: !Equals [!Ref Fn, x]
  Shapeless: !Join ['', [a]]
  Dangling: !Not [!Condition Nowhere]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Condition: Missing
    Properties:
      CodeUri: src
      Handler: app.handler
      Runtime: nodejs20.x
      Description: !If [AlsoMissing, a, b]
`);
	assert.deepEqual(describeProblems(problems).sort(), [
		"Conditions/Dangling/Fn::Not/0: condition 'Nowhere' is not defined in the Conditions section",
		'Conditions/Loop: conditions refer to each other in a circle: Loop -> Loop2 -> Loop',
		'Conditions/Shapeless: a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or {Condition: Name}',
		"Conditions/UsesResource/Fn::Equals/0: conditions can refer to parameters and pseudo parameters only, not to the resource 'Fn'",
		"Resources/Fn/Condition: condition 'Missing' is not defined in the Conditions section",
		"Resources/Fn/Properties/Description: condition 'AlsoMissing' is not defined in the Conditions section",
	]);
});

test('parameters: overrides beat defaults; list types split; constraints are checked', () => {
	const sections = `Parameters:
  Name:
    Type: String
    Default: orders
    AllowedPattern: '[a-z]+'
    MinLength: 3
  Size:
    Type: Number
    Default: 5
    MaxValue: 10
  Ids:
    Type: List<Number>
    Default: '1,2,3'
  Subnets:
    Type: List<AWS::EC2::Subnet::Id>
    Default: subnet-1,subnet-2
`;
	const variables = `
NAME: !Ref Name
SIZE: !Ref Size
SECOND_ID: !Select [1, !Ref Ids]
SUBNETS: !Join ['+', !Ref Subnets]`;
	assert.deepEqual(environmentOf(variables, sections), {NAME: 'orders', SIZE: '5', SECOND_ID: '2', SUBNETS: 'subnet-1+subnet-2'});
	assert.deepEqual(environmentOf(variables, sections, {parameterOverrides: {Name: 'carts', Ids: '7, 8'}}), {
		NAME: 'carts',
		SIZE: '5',
		SECOND_ID: '8',
		SUBNETS: 'subnet-1+subnet-2',
	});
	assert.deepEqual(
		describeProblems(problemsOf(oneFunctionTemplate({sections}), {parameterOverrides: {Name: 'Ab', Size: '11', Ids: '1,x'}})),
		[
			'Parameters/Name: Parameter \'Name\' must match pattern [a-z]+',
			"Parameters/Name: Parameter 'Name' must contain at least 3 characters",
			'Parameters/Size: Parameter \'Size\' must be a number not greater than 10',
			"Parameters/Ids: Parameter 'Ids' must be a number, not 'x'",
		],
	);
	assert.deepEqual(describeProblems(problemsOf(oneFunctionTemplate({sections: 'Parameters:\n  Stage: {Type: String, AllowedValues: [dev, prod]}\n'}), {parameterOverrides: {Stage: 'qa'}})), [
		"Parameters/Stage: Parameter 'Stage' must be one of AllowedValues (dev, prod), not 'qa'",
	]);
});

test('a parameter without a value is a problem only where it is used, and says how to give one', () => {
	const template = oneFunctionTemplate({
		sections: `Parameters:
  ApiKey:
    Type: String
  Version:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /app/version
`,
		properties: `
			Environment:
			  Variables:
			    KEY: !Ref ApiKey
			    VERSION: !Sub 'v\${Version}'`,
	});
	assert.deepEqual(describeProblems(problemsOf(template)), [
		"Resources/Fn/Properties/Environment/Variables/KEY: Parameter 'ApiKey' has no Default and no override: pass --parameter-overrides ApiKey=VALUE",
		"Resources/Fn/Properties/Environment/Variables/VERSION: Parameter 'Version' is read from the SSM parameter '/app/version' on AWS, which stratus cannot reach: pass --parameter-overrides Version=VALUE",
	]);
	const project = load(template, {parameterOverrides: {ApiKey: 'k-1', Version: '7', Unused: 'x'}});
	assert.deepEqual(project.functions[0].environment, {KEY: 'k-1', VERSION: 'v7'});
	assert.deepEqual(project.notices, [
		{path: 'parameterOverrides/Unused', message: "override 'Unused' matches no parameter and no Fn::ImportValue of the template; it is ignored"},
	]);
});
