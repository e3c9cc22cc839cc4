/**
 * Following fires as they are recorded, by any process: the tail watches PRAGMA
 * data_version (it bumps when another connection commits) and reads new rows only
 * then. A fire shows once it is settled (ok, error or missed), in the order the
 * rows were claimed; one still awaiting Lambda's answer holds back those after it.
 */
import {dataVersion} from '../../store/database.js';
import {FireStatus, type ScheduleFireRow, type ScheduleStore} from '../../store/schedules.js';

export interface TailOptions {
	signal: AbortSignal;
	pollMs?: number;
	/** Show rows after this id (default: only fires recorded from now on). */
	afterId?: number;
}

export async function tailFires(store: ScheduleStore, onFire: (fire: ScheduleFireRow) => void, options: TailOptions): Promise<void> {
	const pollMs = options.pollMs ?? 100;
	let floor = options.afterId ?? store.maxId();
	let lastVersion = -1;
	const shown = new Set<number>();
	while (!options.signal.aborted) {
		const version = dataVersion(store.db);
		if (version !== lastVersion) {
			lastVersion = version;
			let contiguous = true;
			for (const row of store.fires({afterId: floor})) {
				const settled = row.status !== FireStatus.Firing;
				if (settled && !shown.has(row.id)) {
					shown.add(row.id);
					onFire(row);
				}
				if (contiguous && settled) {
					floor = row.id;
					shown.delete(row.id);
				} else contiguous = false;
			}
		}
		await new Promise<void>(resolve => {
			const timer = setTimeout(done, pollMs);
			options.signal.addEventListener('abort', done, {once: true});
			function done() {
				clearTimeout(timer);
				options.signal.removeEventListener('abort', done);
				resolve();
			}
		});
	}
}
