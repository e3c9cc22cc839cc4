/**
 * Python functions reach their HTTP Runtime API (AWS_LAMBDA_RUNTIME_API) over one
 * keep-alive connection: it must carry payloads and logs larger than a socket's
 * buffer, non-ASCII text and the client context, keep its socket from a child process
 * the handler spawns, and take the REPORT's memory from the runtime's own report.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fixtureFunction, poolFor} from './fixtureFunctions.js';

const handler = `
import json, os, subprocess, sys

def echo(event, context):
    print("x" * event.get("log", 0))
    cc = context.client_context
    return {
        "size": len(json.dumps(event, ensure_ascii=False, separators=(",", ":"))),
        "text": event.get("text"),
        "custom": cc.custom if cc else None,
        "runtime_api": os.environ.get("AWS_LAMBDA_RUNTIME_API"),
        "child": subprocess.run(["ls", "-l", "/proc/self/fd"], capture_output=True, text=True, close_fds=False).stdout if event.get("child") else None,
    }
`;

test('the HTTP Runtime API carries big payloads and logs, unicode and the client context; children do not inherit its socket', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'stratus-pyapi-'));
	writeFileSync(join(dir, 'api_handler.py'), handler);
	const fn = {...fixtureFunction('pyapi', 'python3.12', 'python', 'api_handler.echo'), codeDir: dir};
	const pool = poolFor(fn);
	try {
		const big = {blob: 'é'.repeat(300_000), text: 'naïve — 日本語', log: 200_000, child: true};
		const payload = Buffer.from(JSON.stringify(big));
		const clientContext = Buffer.from(JSON.stringify({custom: {tenant: 'a\tb\nc', city: 'Zürich'}}, null, 2)).toString('base64');
		const outcomes = [];
		for (let i = 0; i < 3; i++) {
			outcomes.push(
				await pool.invoke({
					requestId: `00000000-0000-4000-8000-00000000000${i}`,
					payload,
					deadlineMs: Date.now() + 10_000,
					invokedFunctionArn: fn.arn,
					clientContext,
				}),
			);
		}
		for (const outcome of outcomes) {
			assert.equal(outcome.ok, true, outcome.payload.toString());
			const body = JSON.parse(outcome.payload.toString('utf8'));
			assert.equal(body.size, JSON.stringify(big).length);
			assert.equal(body.text, 'naïve — 日本語');
			assert.deepEqual(body.custom, {tenant: 'a\tb\nc', city: 'Zürich'}, 'a pretty-printed client context arrives whole');
			assert.match(body.runtime_api, /^127\.0\.0\.1:\d+$/, 'AWS_LAMBDA_RUNTIME_API is host:port without a scheme');
			assert.doesNotMatch(body.child, /socket:/, 'a child process does not inherit the bootstrap\'s socket');
			assert.match(body.child, /pipe:/, 'ls listed the fds it has');
			assert.equal(outcome.logs, 'x'.repeat(200_000) + '\n', 'the whole log, nothing of the protocol in it');
			assert.ok(outcome.maxMemoryUsedMB >= 5, `Max Memory Used ${outcome.maxMemoryUsedMB} MB`);
		}
	} finally {
		await pool.dispose();
		rmSync(dir, {recursive: true, force: true});
	}
});
