/**
 * Non-TypeScript runtime files (the Python bootstrap) ship in the source tree, not
 * in dist/: find them from the package root, which works both when this module runs
 * from source/ under tsx and from dist/source/ after a build.
 */
import {existsSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
	if (root) return root;
	let dir = dirname(fileURLToPath(import.meta.url));
	while (!existsSync(join(dir, 'package.json'))) {
		const parent = dirname(dir);
		if (parent === dir) throw new Error(`stratus: no package.json above ${fileURLToPath(import.meta.url)}`);
		dir = parent;
	}
	root = dir;
	return dir;
}

/** Stands in for /var/runtime. */
export function runtimeDir(): string {
	return join(packageRoot(), 'source', 'functions', 'runtimes');
}

export function pythonBootstrapPath(): string {
	return join(runtimeDir(), 'python', 'bootstrap.py');
}
