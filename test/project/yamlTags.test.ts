import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseTemplateText} from '../../source/project/templateFile.js';
import {ProblemList} from '../../source/project/templateProblem.js';

function parse(text: string): {value: unknown; problems: string[]} {
	const problems = new ProblemList();
	const value = parseTemplateText(text, 'template.yaml', problems);
	return {value, problems: problems.items.map(problem => `${problem.path}: ${problem.message}`)};
}

test('every short form becomes the long form CloudFormation expands it to', () => {
	const {value, problems} = parse(`
ref: !Ref Stage
getatt: !GetAtt Queue.Arn
getattNested: !GetAtt Db.Endpoint.Address
getattList: [!GetAtt [Queue, Arn]]
sub: !Sub '\${AWS::Region}'
subList: !Sub ['\${A}', {A: !Ref B}]
join: !Join [',', [a, b]]
select: !Select [0, !GetAZs '']
split: !Split [',', 'a,b']
if: !If [IsProd, 1, 2]
equals: !Equals [a, b]
and: !And [!Condition A, !Not [!Condition B]]
or: !Or [!Condition A, !Condition B]
findInMap: !FindInMap [M, a, b]
base64: !Base64 text
base64Map: !Base64 {'Fn::Sub': x}
importValue: !ImportValue shared-vpc
cidr: !Cidr [10.0.0.0/16, 2, 8]
`);
	assert.deepEqual(problems, []);
	assert.deepEqual(value, {
		ref: {Ref: 'Stage'},
		getatt: {'Fn::GetAtt': ['Queue', 'Arn']},
		getattNested: {'Fn::GetAtt': ['Db', 'Endpoint.Address']},
		getattList: [{'Fn::GetAtt': ['Queue', 'Arn']}],
		sub: {'Fn::Sub': '${AWS::Region}'},
		subList: {'Fn::Sub': ['${A}', {A: {Ref: 'B'}}]},
		join: {'Fn::Join': [',', ['a', 'b']]},
		select: {'Fn::Select': [0, {'Fn::GetAZs': ''}]},
		split: {'Fn::Split': [',', 'a,b']},
		if: {'Fn::If': ['IsProd', 1, 2]},
		equals: {'Fn::Equals': ['a', 'b']},
		and: {'Fn::And': [{Condition: 'A'}, {'Fn::Not': [{Condition: 'B'}]}]},
		or: {'Fn::Or': [{Condition: 'A'}, {Condition: 'B'}]},
		findInMap: {'Fn::FindInMap': ['M', 'a', 'b']},
		base64: {'Fn::Base64': 'text'},
		base64Map: {'Fn::Base64': {'Fn::Sub': 'x'}},
		importValue: {'Fn::ImportValue': 'shared-vpc'},
		cidr: {'Fn::Cidr': ['10.0.0.0/16', 2, 8]},
	});
});

test('anchors and aliases keep tagged values intact on both sides', () => {
	const {value, problems} = parse(`
name: &name orders
tagged: &tagged !Join ['-', [*name, !Ref Stage]]
again: *tagged
inside: !Join ['/', [*name, x]]
`);
	assert.deepEqual(problems, []);
	assert.deepEqual(value, {
		name: 'orders',
		tagged: {'Fn::Join': ['-', ['orders', {Ref: 'Stage'}]]},
		again: {'Fn::Join': ['-', ['orders', {Ref: 'Stage'}]]},
		inside: {'Fn::Join': ['/', ['orders', 'x']]},
	});
});

test('syntax errors, unknown tags and duplicate keys are problems at file:line:column', () => {
	assert.match(parse('Resources:\n  Fn:\n    Type: [unclosed\n').problems[0], /^template\.yaml:\d+:\d+: YAML syntax error: /);
	assert.deepEqual(parse('a: 1\nb: !Reff Stage\n').problems, ['template.yaml:2:4: YAML syntax error: Unresolved tag: !Reff']);
	assert.match(parse('a: 1\na: 2\n').problems[0], /^template\.yaml:2:1: YAML syntax error: Map keys must be unique/);
});

test('JSON templates keep JSON semantics and report syntax errors with a position', () => {
	const problems = new ProblemList();
	assert.deepEqual(parseTemplateText('{"Resources": {"A": {"Type": "X", "n": 1e3}}}', 'MyStack.template.json', problems), {
		Resources: {A: {Type: 'X', n: 1000}},
	});
	parseTemplateText('{\n  "Resources": {,}\n}', 'MyStack.template.json', problems);
	assert.equal(problems.items.length, 1);
	assert.match(problems.items[0].path, /^MyStack\.template\.json:2:\d+$/);
	assert.match(problems.items[0].message, /^JSON syntax error: /);
});
