/**
 * The Python bootstrap encodes results and decodes events through its own fast
 * paths (a C encoder built once, the scanner taken straight): they must give what
 * json.dumps(value, default=decimal_serializer) and json.loads give, errors included,
 * and an encode that fails half way must not spoil the next one.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {dirname} from 'node:path';
import {pythonBootstrapPath} from '../../source/functions/runtimes/packageRoot.js';

const script = `
import decimal, json, sys
sys.path.insert(0, ${JSON.stringify(dirname(pythonBootstrapPath()))})
import bootstrap as b

def same_encoding(value):
    expected = json.dumps(value, default=b.decimal_serializer)
    actual = b.to_json(value)
    assert actual == expected, (actual, expected)

def same_error(call, value, reference):
    try:
        call(value)
    except Exception as error:
        try:
            reference(value)
        except Exception as expected:
            assert type(error) is type(expected) and str(error) == str(expected), (error, expected)
            return
    raise AssertionError("no error for %r" % (value,))

for value in [{"a": [1, 2.5, None, True, "é\\n\\"q\\""], "b": {"c": decimal.Decimal("1.5"), "d": decimal.Decimal("2")}},
              "text", 1, -0.0, None, [float("nan"), float("inf")], {"k": {"nested": [[], {}]}}, {1: "int key"}]:
    same_encoding(value)
circular = []
circular.append(circular)
shared = [1]
for _ in range(2):
    same_error(b.to_json, circular, lambda v: json.dumps(v, default=b.decimal_serializer))
    broken = {"ok": [1], "bad": object()}
    same_error(b.to_json, broken, lambda v: json.dumps(v, default=b.decimal_serializer))
    # The same containers again once fixed: no false "circular reference" left over from the failure.
    del broken["bad"]
    same_encoding(broken)
    same_encoding({"a": shared, "b": shared})
for text in ['{"n":1}', ' {"n":1}', '{"n":1}\\n', '[1,2]', '"s"', '1', 'null', '{"u":"\\\\u00e9"}']:
    assert b.from_json(text) == json.loads(text), text
for text in ['{"n":', '{"n":1}x', '', 'nul', '{"n":1} {}']:
    same_error(b.from_json, text, json.loads)
print("ok")
`;

test('the bootstrap encodes and decodes JSON exactly as json.dumps/json.loads do', () => {
	const result = spawnSync('python3', ['-c', script], {encoding: 'utf8', env: {...process.env, _HANDLER: 'x.handler'}});
	assert.equal(result.stderr, '');
	assert.equal(result.stdout, 'ok\n');
});
