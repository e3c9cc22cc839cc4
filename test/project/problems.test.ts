import {test} from 'node:test';
import assert from 'node:assert/strict';
import {fileURLToPath} from 'node:url';
import {loadProject, TemplateError, validateTemplate} from '../../source/project/loadProject.js';
import {describeProblems, problemsOf, samHeader, writeApp} from './templateHelpers.js';
import {join} from 'node:path';

const broken = fileURLToPath(new URL('../../fixtures/templates/broken/', import.meta.url));

test('validateTemplate lists every problem of a template at once, each at its path', () => {
	const lines = describeProblems(validateTemplate(join(broken, 'template.yaml'))).map(line => line.replace(broken, '<fixture>/'));
	assert.deepEqual(lines, [
		"Resources/OrderFunction/Properties/Environment/Variables/TABLE: Ref names 'OrdersTabel', which is not a parameter, pseudo parameter or resource of this template (did you mean OrdersTable?)",
		"Resources/OrderFunction/Properties/Environment/Variables/STAGE: Ref names 'Enviroment', which is not a parameter, pseudo parameter or resource of this template",
		"Resources/OrderWorkflow/DependsOn: DependsOn names 'OrderFunctions', which is not a resource of this template (did you mean OrderFunction?)",
		'Resources/OrderFunction/Properties/Timeout: Timeout must be from 1 to 900, not 1200',
		'Resources/OrderFunction/Properties/Environment/Variables/REGION_PART: Fn::Select index 3 is out of range: the list has 3 items',
		"Resources/OrderFunction/Properties/CodeUri: CodeUri 'functions/order' does not exist (looked for <fixture>/functions/order)",
		"Resources/OrderWorkflow/Properties/DefinitionUri: definition file 'statemachines/order.asl.json' does not exist (looked for <fixture>/statemachines/order.asl.json)",
		'Resources/ShapelessWorkflow/Properties/DefinitionUri: the state machine definition needs StartAt (the name of the first state)',
		"Resources/ShapelessWorkflow/Properties/Type: Type must be STANDARD or EXPRESS, not 'EXPRESSS'",
	]);
});

test('loadProject throws a TemplateError carrying all problems, its message led by the first', () => {
	assert.throws(
		() => loadProject(join(broken, 'template.yaml')),
		(error: unknown) => {
			assert.ok(error instanceof TemplateError);
			assert.equal(error.problems.length, 9);
			assert.equal(
				error.message,
				"Resources/OrderFunction/Properties/Environment/Variables/TABLE: Ref names 'OrdersTabel', which is not a parameter, pseudo parameter or resource of this template (did you mean OrdersTable?) (and 8 more problems)",
			);
			return true;
		},
	);
});

test('a YAML syntax error names the file, line and column', () => {
	assert.deepEqual(describeProblems(validateTemplate(join(broken, 'syntax-error.yaml'))), [
		'syntax-error.yaml:7:1: YAML syntax error: All mapping items must start at the same column',
	]);
	assert.throws(() => loadProject(join(broken, 'syntax-error.yaml')), /^TemplateError: syntax-error\.yaml:7:1: YAML syntax error/);
});

test('a missing template file is one problem, not an exception of another kind', () => {
	assert.deepEqual(describeProblems(validateTemplate(join(broken, 'nope.yaml'))), ['nope.yaml: cannot read the template: no such file']);
});

test('template shape: unknown sections, resource attributes, missing types and empty Resources', () => {
	assert.deepEqual(describeProblems(problemsOf('Resources: {}\nOutput: {}\n')), [
		"Output: 'Output' is not a template section (AWSTemplateFormatVersion, Description, Metadata, Parameters, Rules, Mappings, Conditions, Transform, Resources, Outputs, Globals, Hooks)",
		'Resources: a template needs a Resources section with at least one resource',
	]);
	assert.deepEqual(
		describeProblems(
			problemsOf(`${samHeader}Resources:
  NoType:
    Properties: {}
  Bad-Id:
    Type: AWS::SQS::Queue
  Typo:
    Type: AWS::SQS::Queue
    Propertes: {}
Outputs:
  Arn:
    Value: !GetAtt Quue.Arn
`),
		),
		[
			'Resources/NoType/Type: a resource needs a Type such as AWS::Serverless::Function',
			"Resources/Bad-Id: logical id 'Bad-Id' must be alphanumeric (A-Z, a-z, 0-9)",
			"Resources/Typo/Propertes: 'Propertes' is not a resource attribute (Type, Properties, Condition, DependsOn, Metadata, ...)",
			"Outputs/Arn/Value: Fn::GetAtt names 'Quue', which is not a resource of this template",
		],
	);
});

test('code and definitions must be local: S3 locations are problems that say what to do', () => {
	const root = writeApp({
		'template.yaml': `${samHeader}Resources:
  FromS3:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://my-bucket/code.zip
      Handler: app.handler
      Runtime: nodejs20.x
  PlainS3:
    Type: AWS::Lambda::Function
    Properties:
      Code: {S3Bucket: my-bucket, S3Key: code.zip}
      Handler: app.handler
      Runtime: nodejs20.x
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionS3Location: {Bucket: my-bucket, Key: machine.json}
  TextMachine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: '{"StartAt": "A", "States": {'
  Zipped:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: code.zip
      Handler: app.handler
      Runtime: nodejs20.x
`,
		'code.zip': 'PK',
	});
	const lines = describeProblems(validateTemplate(join(root, 'template.yaml')));
	assert.deepEqual(lines.slice(0, 3), [
		'Resources/FromS3/Properties/CodeUri: CodeUri s3://my-bucket/code.zip is in S3, which stratus cannot fetch: point it at the local folder (as before sam package)',
		'Resources/PlainS3/Properties/Code: Code s3://my-bucket/code.zip is in S3, which stratus cannot fetch: give a local folder (Code: ./src) or run on the CDK output, whose assets are local',
		'Resources/Machine/Properties/DefinitionS3Location: DefinitionS3Location s3://my-bucket/machine.json is in S3, which stratus cannot fetch: point it at the local definition file',
	]);
	assert.match(lines[3], /^Resources\/TextMachine\/Properties\/DefinitionString: the definition in DefinitionString is not valid JSON: /);
	assert.equal(lines[4], "Resources/Zipped/Properties/CodeUri: CodeUri 'code.zip' is a file; stratus runs code from an unpacked folder");
	assert.equal(lines.length, 5);
});

test('transforms stratus does not run, and SAM without its transform, are notices', () => {
	const root = writeApp({
		'src/app.mjs': '',
		'template.yaml': `Transform: [AWS::LanguageExtensions, MyCompany::Macro]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: src, Handler: app.handler, Runtime: nodejs20.x}
`,
	});
	assert.deepEqual(loadProject(join(root, 'template.yaml')).notices, [
		{path: 'Transform/1', message: 'the transform MyCompany::Macro is not run locally; the template is read as written'},
		{path: 'Transform', message: "the template uses SAM but lacks 'Transform: AWS::Serverless-2016-10-31', without which AWS rejects it"},
	]);
});
