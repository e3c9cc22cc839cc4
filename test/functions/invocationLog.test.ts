/**
 * Rows keep what the function printed; START, END and REPORT are rendered from the
 * row when the log is read. The rendered log must read exactly as Lambda writes it
 * (a crash says `Status: error` and its error type), and rows written before the
 * store changed (whole text in `logs`) must read back unchanged.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {openDatabase} from '../../source/store/database.js';
import {FunctionService, functionLogs, invocationLogs} from '../../source/functions/index.js';
import {fixtureFunction} from './fixtureFunctions.js';

test('a crashed invocation reads back with its output, Status: error and the error type', async () => {
	const db = openDatabase(':memory:');
	const fn = fixtureFunction('exits', 'nodejs20.x', 'misbehaving', 'index.exits');
	const svc = new FunctionService({db, functions: [fn], region: 'us-east-1', accountId: '123456789012'});
	try {
		const result = await svc.invoke({functionName: 'exits', logType: 'Tail'});
		assert.equal(result.functionError, 'Unhandled');
		await svc.flushed();
		const id = result.requestId;
		const lines = invocationLogs(db, id);
		assert.equal(lines[0], `START RequestId: ${id} Version: $LATEST`);
		assert.match(lines[1], new RegExp(`^\\S+Z\\t${id}\\tINFO\\texiting$`));
		assert.equal(lines.at(-2), `END RequestId: ${id}`);
		assert.match(lines.at(-1)!, new RegExp(`^REPORT RequestId: ${id}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d\\d ms\\tStatus: error\\tError Type: Runtime.ExitError$`));
		// What a Tail invoke returned is the same log the store renders.
		assert.equal(Buffer.from(result.logResult!, 'base64').toString('utf8'), lines.join('\n') + '\n');
		assert.deepEqual(functionLogs(db, 'exits').at(-1)!.lines, lines);
	} finally {
		await svc.close();
		db.close();
	}
});

test('rows written before the log columns changed read back as they were written', () => {
	const db = openDatabase(':memory:');
	try {
		const text = 'START RequestId: old-1 Version: $LATEST\nhello\nEND RequestId: old-1\nREPORT RequestId: old-1\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\n';
		// The insert an earlier stratus made: no init_logs, no log_format.
		db.prepare(
			`INSERT INTO function_invocations (request_id, function_name, version, qualifier, invocation_type, start_time, duration_ms,
			 billed_duration_ms, init_duration_ms, memory_size_mb, max_memory_used_mb, status, error_type, cost, logs)
			 VALUES ('old-1', 'legacy', '$LATEST', NULL, 'RequestResponse', 1, 1, 1, NULL, 128, 40, 'SUCCEEDED', NULL, 0, ?)`,
		).run(text);
		assert.deepEqual(invocationLogs(db, 'old-1'), text.trimEnd().split('\n'));
		assert.deepEqual(functionLogs(db, 'legacy')[0].lines, text.trimEnd().split('\n'));
	} finally {
		db.close();
	}
});
