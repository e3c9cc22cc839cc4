/**
 * Python functions reach their Runtime API over pipes (pipeRuntimeApi): frames must
 * survive payloads and logs larger than a pipe's buffer, non-ASCII text, the client
 * context, and a handler that spawns a child process (which must not inherit the
 * protocol's pipes), with the REPORT's memory taken from the runtime's own report.
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
        "runtime_api": os.environ.get("STRATUS_RUNTIME_FDS"),
        "child": subprocess.run(["ls", "/proc/self/fd"], capture_output=True, text=True, close_fds=False).stdout.split() if event.get("child") else None,
    }
`;

test('the pipe Runtime API carries big payloads and logs, unicode and the client context; children do not inherit it', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'stratus-pypipe-'));
	writeFileSync(join(dir, 'pipe_handler.py'), handler);
	const fn = {...fixtureFunction('pypipe', 'python3.12', 'python', 'pipe_handler.echo'), codeDir: dir};
	const pool = poolFor(fn);
	try {
		const big = {blob: 'é'.repeat(300_000), text: 'naïve — 日本語', log: 200_000, child: true};
		const payload = Buffer.from(JSON.stringify(big));
		const clientContext = Buffer.from(JSON.stringify({custom: {tenant: 'a\tb\nc'}})).toString('base64');
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
			assert.deepEqual(body.custom, {tenant: 'a\tb\nc'});
			assert.equal(body.runtime_api, null, 'the protocol variable is not left for the handler');
			// ls sees stdin/stdout/stderr and the directory it lists, not fds 3 and 4 of the bootstrap.
			assert.ok(!body.child.includes('4'), `child fds: ${body.child}`);
			assert.equal(outcome.logs, 'x'.repeat(200_000) + '\n', 'the whole log, no frame bytes in it');
			assert.ok(outcome.maxMemoryUsedMB >= 5, `Max Memory Used ${outcome.maxMemoryUsedMB} MB`);
		}
	} finally {
		await pool.dispose();
		rmSync(dir, {recursive: true, force: true});
	}
});
