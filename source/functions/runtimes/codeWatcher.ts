/**
 * Hot reload: watches the folders a function's code comes from and reports one
 * change per burst of file events (an editor's save is several), so environments
 * restart once per change and never per request.
 */
import {watch, type FSWatcher} from 'node:fs';

export class CodeWatcher {
	private watchers = new Map<string, FSWatcher>();
	private timer: NodeJS.Timeout | undefined;
	private closed = false;

	constructor(
		private readonly onChange: () => void,
		private readonly debounceMs = 50,
	) {}

	/** Adds folders; already-watched ones are kept. */
	watch(dirs: string[]): void {
		for (const dir of dirs) {
			if (this.closed || this.watchers.has(dir)) continue;
			try {
				const watcher = watch(dir, {persistent: false}, (_event, name) => {
					if (name && (name.startsWith('.') || name === 'node_modules' || name === '__pycache__')) return;
					this.changed();
				});
				watcher.on('error', () => {
					watcher.close();
					this.watchers.delete(dir);
				});
				this.watchers.set(dir, watcher);
			} catch {
				// A folder that cannot be watched (gone, or no inotify slots left) only loses hot reload.
			}
		}
	}

	private changed(): void {
		clearTimeout(this.timer);
		this.timer = setTimeout(() => {
			this.timer = undefined;
			if (!this.closed) this.onChange();
		}, this.debounceMs);
		this.timer.unref();
	}

	close(): void {
		this.closed = true;
		clearTimeout(this.timer);
		for (const watcher of this.watchers.values()) watcher.close();
		this.watchers.clear();
	}
}
