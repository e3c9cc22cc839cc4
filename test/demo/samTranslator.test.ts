/**
 * The demo template must deploy with `sam deploy` unchanged, so it is checked with
 * AWS's own tools: the SAM translator (the code CloudFormation's
 * AWS::Serverless-2016-10-31 transform runs) after the packaging step `sam deploy`
 * does first (local CodeUri/ContentUri/DefinitionUri become S3 locations), and
 * cfn-lint, which also knows which runtimes Lambda still accepts. Each check is
 * skipped only where its Python package is not installed.
 */
import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {test} from 'node:test';
import assert from 'node:assert/strict';

const demo = fileURLToPath(new URL('../../fixtures/demo/', import.meta.url));
const templatePath = join(demo, 'template.yaml');

/** Parses the template as sam-cli does (short-form tags to long form), packages it, translates it. */
const translateScript = String.raw`
import json, os, sys
try:
    import yaml
    from samtranslator.translator.transform import transform
    from samtranslator.model.exceptions import InvalidDocumentException
except ImportError as error:
    print(json.dumps({"skip": str(error)}))
    sys.exit(0)

def intrinsic(loader, tag, node):
    name = tag if tag in ("Ref", "Condition") else "Fn::" + tag
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if tag == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}

yaml.SafeLoader.add_multi_constructor("!", intrinsic)
template_path = sys.argv[1]
root = os.path.dirname(os.path.abspath(template_path))
with open(template_path) as f:
    template = yaml.safe_load(f)

missing = []
def upload(path):
    if not os.path.exists(os.path.join(root, path)):
        missing.append(path)
    return path.replace("/", "-")

for resource in template["Resources"].values():
    props = resource.get("Properties", {})
    for key in ("CodeUri", "ContentUri"):
        if isinstance(props.get(key), str):
            props[key] = "s3://demo-artifacts/" + upload(props[key]) + ".zip"
    if isinstance(props.get("DefinitionUri"), str):
        props["DefinitionUri"] = {"Bucket": "demo-artifacts", "Key": upload(props["DefinitionUri"])}

class NoManagedPolicies:
    def load(self):
        return {}

try:
    output = transform(template, {}, NoManagedPolicies())
except InvalidDocumentException as error:
    print(json.dumps({"errors": [str(cause) for cause in error.causes], "missing": missing}))
    sys.exit(0)
print(json.dumps({"missing": missing, "template": output}))
`;

const lintScript = String.raw`
import json, sys
try:
    from pathlib import Path
    from cfnlint.api import lint_file, ManualArgs
except ImportError as error:
    print(json.dumps({"skip": str(error)}))
    sys.exit(0)
matches = lint_file(Path(sys.argv[1]), config=ManualArgs(regions=["us-east-1"]))
print(json.dumps([{"rule": m.rule.id, "message": m.message, "line": m.linenumber} for m in matches]))
`;

interface Resource {
	Type: string;
	Properties: Record<string, any>;
}

async function python(script: string): Promise<{skip?: string; value?: any}> {
	const {error, stdout, stderr} = await new Promise<{error: (Error & {code?: unknown}) | null; stdout: string; stderr: string}>(done =>
		execFile(
			'python3',
			['-c', script, templatePath],
			// The translator fills in AWS::Region; without a region it refuses to run.
			{env: {...process.env, AWS_DEFAULT_REGION: 'us-east-1'}, timeout: 60_000, maxBuffer: 16 * 1024 * 1024},
			(error, stdout, stderr) => done({error, stdout, stderr}),
		),
	);
	if (error?.code === 'ENOENT') return {skip: 'python3 is not installed'};
	assert.equal(error, null, `python failed:\n${stderr}`);
	const value = JSON.parse(stdout);
	return value?.skip ? {skip: value.skip} : {value};
}

// Both take seconds to start; run them side by side.
const [translation, lint] = await Promise.all([python(translateScript), python(lintScript)]);
const translated = translation.value?.template as {Resources: Record<string, Resource>} | undefined;

function resourcesOfType(type: string): Array<[string, Resource]> {
	return Object.entries(translated!.Resources).filter(([, resource]) => resource.Type === type);
}

test('the SAM translator accepts the demo template once packaged', {skip: translation.skip}, () => {
	const {errors, missing} = translation.value;
	assert.deepEqual(errors ?? [], []);
	assert.deepEqual(missing, [], 'every CodeUri, ContentUri and DefinitionUri exists');
	assert.ok(translated);
});

test('AutoPublishAlias becomes a published version and the live alias', {skip: translation.skip}, () => {
	const versions = resourcesOfType('AWS::Lambda::Version');
	assert.equal(versions.length, 1);
	assert.deepEqual(versions[0][1].Properties.FunctionName, {Ref: 'ProcessOrderFunction'});
	const [[aliasId, alias]] = resourcesOfType('AWS::Lambda::Alias');
	assert.equal(aliasId, 'ProcessOrderFunctionAliaslive');
	assert.equal(alias.Properties.Name, 'live');
	assert.deepEqual(alias.Properties.FunctionVersion, {'Fn::GetAtt': [versions[0][0], 'Version']});
});

test('schedules become an EventBridge rule and an EventBridge Scheduler schedule', {skip: translation.skip}, () => {
	const [[, rule]] = resourcesOfType('AWS::Events::Rule');
	assert.equal(rule.Properties.ScheduleExpression, 'cron(0 8 ? * MON-FRI *)');
	assert.deepEqual(rule.Properties.Targets[0].Arn, {'Fn::GetAtt': ['StartInstancesFunction', 'Arn']});
	const [[, schedule]] = resourcesOfType('AWS::Scheduler::Schedule');
	assert.equal(schedule.Properties.ScheduleExpression, 'cron(0 18 ? * MON-FRI *)');
	assert.equal(schedule.Properties.ScheduleExpressionTimezone, 'Europe/London');
	assert.deepEqual(schedule.Properties.Target.Arn, {'Fn::GetAtt': ['StopInstancesFunction', 'Arn']});
});

test('every state machine substitutes each ${placeholder} its definition file uses', {skip: translation.skip}, () => {
	const template = readFileSync(templatePath, 'utf8');
	const machines = resourcesOfType('AWS::StepFunctions::StateMachine');
	assert.equal(machines.length, 9);
	for (const [logicalId, machine] of machines) {
		const file = new RegExp(`\\n  ${logicalId}:\\n[\\s\\S]*?DefinitionUri: (\\S+)`).exec(template)?.[1];
		assert.ok(file, `${logicalId} has a DefinitionUri`);
		assert.deepEqual(machine.Properties.DefinitionS3Location, {Bucket: 'demo-artifacts', Key: file.replace(/\//g, '-')});
		const used = [...new Set([...readFileSync(join(demo, file), 'utf8').matchAll(/\$\{(\w+)\}/g)].map(m => m[1]))].sort();
		const given = Object.keys(machine.Properties.DefinitionSubstitutions ?? {}).sort();
		assert.deepEqual(given, used, `${logicalId}'s DefinitionSubstitutions`);
	}
	const types = Object.fromEntries(machines.map(([id, machine]) => [id, machine.Properties.StateMachineType ?? 'STANDARD']));
	assert.equal(types.ChoicePattern, 'EXPRESS');
	assert.equal(types.OrderWorkflow, 'STANDARD');
	const order = machines.find(([id]) => id === 'OrderWorkflow')![1];
	assert.deepEqual(order.Properties.DefinitionSubstitutions.FetchOrderFunctionArn, {'Fn::GetAtt': ['FetchOrderFunction', 'Arn']});
	assert.deepEqual(order.Properties.DefinitionSubstitutions.ProcessOrderFunctionLiveArn, {Ref: 'ProcessOrderFunctionAliaslive'});
});

test('functions get the shared layer and the Globals, and keep their own runtime', {skip: translation.skip}, () => {
	const [[layerId]] = resourcesOfType('AWS::Lambda::LayerVersion');
	const functions = Object.fromEntries(resourcesOfType('AWS::Lambda::Function'));
	assert.equal(Object.keys(functions).length, 15);
	for (const [logicalId, fn] of Object.entries(functions)) {
		assert.deepEqual(fn.Properties.Layers, [{Ref: layerId}], `${logicalId} layers`);
		assert.equal(fn.Properties.Environment.Variables.LOG_LEVEL, 'info', `${logicalId} environment`);
	}
	assert.equal(functions.FetchOrderFunction.Properties.Runtime, 'nodejs22.x');
	assert.equal(functions.FetchOrderFunction.Properties.Timeout, 10);
	assert.equal(functions.ImageMetadataFunction.Properties.Runtime, 'python3.12');
	assert.equal(functions.ThumbnailFunction.Properties.MemorySize, 512);
	assert.equal(functions.FetchOrderFunction.Properties.Environment.Variables.ORDERS_OFFLINE_IDS, '5000');
	assert.deepEqual(resourcesOfType('AWS::StepFunctions::Activity').map(([id]) => id), ['ApprovalActivity']);
});

test('state machine roles may invoke the functions their definitions call', {skip: translation.skip}, () => {
	const role = translated!.Resources.OrderWorkflowRole;
	const statements = JSON.stringify(role.Properties.Policies);
	for (const fn of ['FetchOrderFunction', 'CreateOrderFunction', 'ProcessOrderFunction']) {
		assert.match(statements, new RegExp(`lambda:InvokeFunction[\\s\\S]*${fn}`), fn);
	}
});

test('cfn-lint finds nothing wrong with the demo template', {skip: lint.skip}, () => {
	assert.deepEqual(lint.value, []);
});
