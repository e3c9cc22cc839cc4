import {test} from 'node:test';
import assert from 'node:assert/strict';
import {describeProblems, load, problemsOf, samHeader} from './templateHelpers.js';

const globals = `Globals:
  Function:
    Runtime: nodejs20.x
    Handler: app.handler
    CodeUri: src
    Timeout: 15
    MemorySize: !If [IsBig, 2048, 512]
    Layers:
      - arn:aws:lambda:us-east-1:123456789012:layer:base:3
    Environment:
      Variables:
        SHARED: from-globals
        OVERRIDDEN: from-globals
    EventInvokeConfig:
      MaximumRetryAttempts: 0
      MaximumEventAgeInSeconds: 300
Conditions:
  IsBig: !Equals [a, b]
`;

test('SAM Globals merge into functions: maps by key, lists concatenate, scalars and intrinsics are replaced', () => {
	const project = load(`${samHeader}${globals}Resources:
  Defaults:
    Type: AWS::Serverless::Function
  Overrides:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      MemorySize: 1024
      Layers:
        - arn:aws:lambda:us-east-1:123456789012:layer:extra:1
      Environment:
        Variables:
          OVERRIDDEN: from-function
          OWN: mine
      EventInvokeConfig:
        MaximumRetryAttempts: 2
`);
	const [defaults, overrides] = project.functions;
	assert.equal(defaults.runtime, 'nodejs20.x');
	assert.equal(defaults.handler, 'app.handler');
	assert.equal(defaults.timeout, 15);
	assert.equal(defaults.memorySize, 512);
	assert.deepEqual(defaults.environment, {SHARED: 'from-globals', OVERRIDDEN: 'from-globals'});
	assert.deepEqual(defaults.eventInvokeConfig, {maximumRetryAttempts: 0, maximumEventAgeInSeconds: 300});

	assert.equal(overrides.runtime, 'python3.12');
	assert.equal(overrides.timeout, 15);
	// The global MemorySize is an Fn::If, which SAM treats as one value and replaces whole.
	assert.equal(overrides.memorySize, 1024);
	assert.deepEqual(overrides.layers, [
		'arn:aws:lambda:us-east-1:123456789012:layer:base:3',
		'arn:aws:lambda:us-east-1:123456789012:layer:extra:1',
	]);
	assert.deepEqual(overrides.environment, {SHARED: 'from-globals', OVERRIDDEN: 'from-function', OWN: 'mine'});
	assert.deepEqual(overrides.eventInvokeConfig, {maximumRetryAttempts: 2, maximumEventAgeInSeconds: 300});
});

test('IgnoreGlobals opts a function out of all or some globals', () => {
	const project = load(`${samHeader}${globals}Resources:
  Some:
    Type: AWS::Serverless::Function
    IgnoreGlobals: [Layers, Environment]
  None:
    Type: AWS::Serverless::Function
    IgnoreGlobals: '*'
    Properties:
      CodeUri: src
      Handler: other.handler
      Runtime: nodejs22.x
`);
	const [some, none] = project.functions;
	assert.deepEqual(some.layers, []);
	assert.deepEqual(some.environment, {});
	assert.equal(some.timeout, 15);
	assert.equal(none.timeout, 3);
	assert.equal(none.memorySize, 128);
	assert.equal(none.handler, 'other.handler');
});

test('Globals apply only to their own resource type', () => {
	const project = load(`${samHeader}${globals}Resources:
  Plain:
    Type: AWS::Lambda::Function
    Properties:
      Code: src
      Handler: plain.handler
      Runtime: nodejs20.x
`);
	assert.equal(project.functions[0].timeout, 3);
	assert.deepEqual(project.functions[0].layers, []);
});

test('properties SAM cannot merge from Globals are problems, as the SAM translator rejects them', () => {
	const problems = problemsOf(`${samHeader}Globals:
  Function:
    FunctionName: shared
    Runtime: nodejs20.x
  StateMachine:
    Type: EXPRESS
  Queue:
    VisibilityTimeout: 30
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src
      Handler: app.handler
`);
	assert.deepEqual(describeProblems(problems), [
		"Globals/Function/FunctionName: 'FunctionName' is not a property SAM merges from Globals.Function; set it on each resource instead",
		"Globals/StateMachine/Type: 'Type' is not a property SAM merges from Globals.StateMachine; set it on each resource instead",
		"Globals/Queue: 'Queue' is not a Globals section SAM supports (Function, Api, HttpApi, SimpleTable, StateMachine, LayerVersion, CapacityProvider, WebSocketApi)",
	]);
});

test('a bad reference inside Globals is reported once, at its place in Globals', () => {
	const problems = problemsOf(`${samHeader}Globals:
  Function:
    Environment:
      Variables:
        TABLE: !Ref MissingTable
Resources:
  First:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: src, Handler: app.handler, Runtime: nodejs20.x}
  Second:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: src, Handler: app.handler, Runtime: nodejs20.x}
`);
	assert.deepEqual(describeProblems(problems).filter(line => line.includes('MissingTable')), [
		"Globals/Function/Environment/Variables/TABLE: Ref names 'MissingTable', which is not a parameter, pseudo parameter or resource of this template",
	]);
});
