/**
 * Task-token rows. Answers (success, failure, heartbeat) are conditional updates on
 * a token that is still open, so a token answered twice, or after it timed out,
 * gets AWS's error instead of silently overwriting the first answer.
 */
import type {Db} from './database.js';

export const TaskTokenStatus = {
	/** Scheduled, waiting for a worker (activities) or for a callback. */
	Pending: 'PENDING',
	/** An activity worker took it (GetActivityTask). */
	Started: 'STARTED',
	Succeeded: 'SUCCEEDED',
	Failed: 'FAILED',
	TimedOut: 'TIMED_OUT',
	/** The execution stopped or the state left before an answer came. */
	Closed: 'CLOSED',
} as const;
export type TaskTokenStatus = (typeof TaskTokenStatus)[keyof typeof TaskTokenStatus];

export interface TaskTokenRow {
	token: string;
	executionId: number;
	executionArn: string;
	stateName: string;
	kind: 'activity' | 'callback';
	activityArn: string | null;
	input: string;
	status: TaskTokenStatus;
	output: string | null;
	error: string | null;
	cause: string | null;
	workerName: string | null;
	createdAt: number;
	heartbeatSeconds: number | null;
	heartbeatDeadline: number | null;
	timeoutDeadline: number | null;
	updatedAt: number;
}

const columns = `token, execution_id AS executionId, execution_arn AS executionArn, state_name AS stateName, kind,
	activity_arn AS activityArn, input, status, output, error, cause, worker_name AS workerName, created_at AS createdAt,
	heartbeat_seconds AS heartbeatSeconds, heartbeat_deadline AS heartbeatDeadline, timeout_deadline AS timeoutDeadline,
	updated_at AS updatedAt`;

export type AnswerResult = 'ok' | 'TaskDoesNotExist' | 'TaskTimedOut' | 'InvalidToken';

export class TaskTokenStore {
	constructor(readonly db: Db) {}

	insert(row: Omit<TaskTokenRow, 'status' | 'output' | 'error' | 'cause' | 'workerName' | 'updatedAt'>): void {
		this.db
			.prepare(
				`INSERT INTO task_tokens (token, execution_id, execution_arn, state_name, kind, activity_arn, input, status, created_at,
				 heartbeat_seconds, heartbeat_deadline, timeout_deadline, updated_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?)`,
			)
			.run(
				row.token,
				row.executionId,
				row.executionArn,
				row.stateName,
				row.kind,
				row.activityArn,
				row.input,
				row.createdAt,
				row.heartbeatSeconds,
				row.heartbeatDeadline,
				row.timeoutDeadline,
				row.createdAt,
			);
	}

	get(token: string): TaskTokenRow | undefined {
		return this.db.prepare(`SELECT ${columns} FROM task_tokens WHERE token = ?`).get(token) as TaskTokenRow | undefined;
	}

	/** Open tokens (pending or started), oldest first. */
	open(): TaskTokenRow[] {
		return this.db.prepare(`SELECT ${columns} FROM task_tokens WHERE status IN ('PENDING', 'STARTED') ORDER BY created_at, token`).all() as TaskTokenRow[];
	}

	forExecution(executionId: number): TaskTokenRow[] {
		return this.db.prepare(`SELECT ${columns} FROM task_tokens WHERE execution_id = ? ORDER BY created_at`).all(executionId) as TaskTokenRow[];
	}

	succeed(token: string, output: string, now: number): AnswerResult {
		return this.answer(token, now, `status = 'SUCCEEDED', output = ?`, [output]);
	}

	fail(token: string, error: string | null, cause: string | null, now: number): AnswerResult {
		return this.answer(token, now, `status = 'FAILED', error = ?, cause = ?`, [error, cause]);
	}

	heartbeat(token: string, now: number): AnswerResult {
		return this.answer(token, now, `heartbeat_deadline = CASE WHEN heartbeat_seconds IS NULL THEN NULL ELSE ? + heartbeat_seconds * 1000 END`, [now]);
	}

	/** The engine closes a token it no longer waits for (timeout, stop, state left). */
	close(token: string, status: TaskTokenStatus, now: number): void {
		this.db.prepare(`UPDATE task_tokens SET status = ?, updated_at = ? WHERE token = ? AND status IN ('PENDING', 'STARTED')`).run(status, now, token);
	}

	/** GetActivityTask: hands the oldest pending task of an activity to a worker, atomically. */
	claim(activityArn: string, workerName: string, now: number): TaskTokenRow | undefined {
		return this.db.transaction(() => {
			const row = this.db
				.prepare(`SELECT ${columns} FROM task_tokens WHERE activity_arn = ? AND status = 'PENDING' ORDER BY created_at LIMIT 1`)
				.get(activityArn) as TaskTokenRow | undefined;
			if (!row) return undefined;
			this.db.prepare(`UPDATE task_tokens SET status = 'STARTED', worker_name = ?, updated_at = ? WHERE token = ?`).run(workerName, now, row.token);
			return {...row, status: TaskTokenStatus.Started, workerName};
		}).immediate();
	}

	private answer(token: string, now: number, set: string, params: unknown[]): AnswerResult {
		if (!/^[A-Za-z0-9+/=_-]{1,1024}$/.test(token)) return 'InvalidToken';
		return this.db.transaction((): AnswerResult => {
			const row = this.db.prepare('SELECT status FROM task_tokens WHERE token = ?').get(token) as {status: TaskTokenStatus} | undefined;
			if (!row) return 'TaskDoesNotExist';
			if (row.status === 'TIMED_OUT') return 'TaskTimedOut';
			if (row.status !== 'PENDING' && row.status !== 'STARTED') return 'TaskDoesNotExist';
			this.db.prepare(`UPDATE task_tokens SET ${set}, updated_at = ? WHERE token = ?`).run(...params, now, token);
			return 'ok';
		}).immediate();
	}

	upsertActivity(arn: string, name: string, now: number): void {
		this.db.prepare('INSERT INTO activities (arn, name, created_at) VALUES (?, ?, ?) ON CONFLICT (arn) DO NOTHING').run(arn, name, now);
	}

	activities(): Array<{arn: string; name: string; createdAt: number}> {
		return this.db.prepare('SELECT arn, name, created_at AS createdAt FROM activities ORDER BY name').all() as Array<{arn: string; name: string; createdAt: number}>;
	}
}
