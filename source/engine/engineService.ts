/**
 * The engine as a service (`stratus serve`, the TUI): takes queued starts from the
 * database, resumes executions whose engine died (kill -9), and carries out stop
 * requests from other processes. It watches PRAGMA data_version, so it reads
 * the executions table only when another connection has written.
 */
import {hostname} from 'node:os';
import {dataVersion} from '../store/database.js';
import type {ExecutionRow, ExecutionStore} from '../store/executions.js';
import type {Engine} from './engine.js';

const POLL_MS = 100;
/** An owner on another host that has not said it is alive for this long is presumed dead. */
const OWNER_STALE_MS = 15_000;
const TOUCH_EVERY_MS = 2_000;

export class EngineService {
	private timer?: NodeJS.Timeout;
	private lastVersion = -1;
	private lastTouch = 0;
	private readonly host = hostname();

	constructor(
		readonly engine: Engine,
		private readonly store: ExecutionStore,
	) {}

	start(): void {
		if (this.timer) return;
		this.tick();
		this.timer = setInterval(() => this.tick(), POLL_MS);
	}

	stop(): void {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
	}

	/** One look at the database: claims, stop requests, liveness. */
	tick(): void {
		const now = Date.now();
		if (now - this.lastTouch >= TOUCH_EVERY_MS) {
			this.lastTouch = now;
			this.store.touchOwner(this.engine.owner, now);
			this.lastVersion = -1; // also re-scan: an owner may have died without writing anything
		}
		const version = dataVersion(this.store.db);
		if (version === this.lastVersion) return;
		this.lastVersion = version;
		this.engine.flush();
		for (const row of this.store.running()) {
			if (this.engine.isRunning(row.arn)) continue;
			if (this.ownedElsewhere(row)) continue;
			if (this.store.claim(row.id, this.engine.owner, row.owner, now)) this.resume(row);
		}
		for (const row of this.store.stopRequests(this.engine.owner)) {
			const request = JSON.parse(row.stopRequested!) as {error?: string; cause?: string};
			this.engine.stop(row.arn, request);
		}
	}

	private resume(row: ExecutionRow): void {
		this.engine.resume(row).catch(error => {
			process.stderr.write(`stratus: execution ${row.arn} could not resume: ${error instanceof Error ? error.message : String(error)}\n`);
		});
	}

	/** Whether a live engine other than this one runs the execution. */
	ownedElsewhere(row: ExecutionRow): boolean {
		return row.owner !== null && row.owner !== this.engine.owner && this.ownerAlive(row, Date.now());
	}

	private ownerAlive(row: ExecutionRow, now: number): boolean {
		const [pid, host] = row.owner!.split('@');
		if (host === this.host) {
			try {
				process.kill(Number(pid), 0);
				return true;
			} catch (e) {
				return (e as NodeJS.ErrnoException).code === 'EPERM';
			}
		}
		return row.ownerSeen !== null && now - row.ownerSeen < OWNER_STALE_MS;
	}
}
