/** A busy engine's WAL is copied into the database file by the worker, not inside the engine's commits. */
import assert from 'node:assert/strict';
import {statSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
import {openDatabase} from '../../source/store/database.js';
import {checkpointInBackground} from '../../source/store/walCheckpointer.js';
import {tempDir, waitFor} from '../helpers/cli.js';

test('the background checkpointer moves committed pages into the database file', async () => {
	const path = join(tempDir(), 'stratus.db');
	const db = openDatabase(path);
	checkpointInBackground(db);
	// The engine's own connection only checkpoints as a far-off safety net now.
	assert.equal(db.pragma('wal_autocheckpoint', {simple: true}), 50_000);
	db.exec('CREATE TABLE filler (body TEXT)');
	const insert = db.prepare('INSERT INTO filler VALUES (?)');
	const page = 'x'.repeat(3000);
	for (let batch = 0; batch < 40; batch++) db.transaction(() => {
		for (let i = 0; i < 50; i++) insert.run(page);
	})();
	// 2,000 rows of 3 KB: only a checkpoint puts them in the main file.
	await waitFor(() => statSync(path).size > 4_000_000, 10_000, 'the worker to checkpoint the WAL');
	assert.equal(db.prepare('SELECT count(*) FROM filler').pluck().get(), 2000);
	db.close();
});
