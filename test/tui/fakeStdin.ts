/**
 * A keyboard for Ink without a terminal: Ink reads stdin in paused mode (it waits
 * for 'readable', then calls read() until null) and toggles raw mode and refs on it,
 * so a fake needs exactly those. Shared by the workbench's test harness and its
 * bench, which must not load Ink or React before choosing the React build, so this
 * module imports neither.
 */
import {EventEmitter} from 'node:events';

export class FakeStdin extends EventEmitter {
	isTTY = true;
	private pending: string[] = [];
	/** Queues a key sequence, as typing it would. */
	write(data: string) {
		this.pending.push(data);
		this.emit('readable');
	}
	read = () => this.pending.shift() ?? null;
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}
