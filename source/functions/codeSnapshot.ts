/**
 * Published versions freeze code: a version's folder is a copy of the function's code
 * taken when it was published, and its CodeSha256 a digest of every file, so an
 * unchanged function publishes no new version (as AWS returns the latest instead).
 */
import {createHash} from 'node:crypto';
import {cpSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync} from 'node:fs';
import {join, relative, sep} from 'node:path';

/** Build caches that are not part of the code. */
function skipped(relativePath: string): boolean {
	return relativePath.split(sep).join('/').includes('node_modules/.cache') || relativePath.split(sep).includes('__pycache__');
}

function walk(root: string, visit: (path: string, rel: string) => void, dir = root): void {
	const names = readdirSync(dir).sort();
	for (const name of names) {
		const path = join(dir, name);
		const rel = relative(root, path);
		if (skipped(rel)) continue;
		const stat = lstatSync(path);
		if (stat.isDirectory()) walk(root, visit, path);
		else visit(path, rel);
	}
}

/** base64 SHA-256 over relative paths, modes and contents, like the CodeSha256 AWS shows. */
export function codeSha256(dir: string): string {
	const hash = createHash('sha256');
	walk(dir, (path, rel) => {
		const stat = lstatSync(path);
		hash.update(`${rel.split(sep).join('/')}\0${stat.mode & 0o111 ? 'x' : '-'}\0`);
		hash.update(stat.isSymbolicLink() ? readlinkSync(path) : readFileSync(path));
		hash.update('\0');
	});
	return hash.digest('base64');
}

export function copyCode(from: string, to: string): void {
	cpSync(from, to, {recursive: true, verbatimSymlinks: true, filter: source => !skipped(relative(from, source))});
}

class Exceeded extends Error {}

/**
 * Total bytes of the files under the folders: the "unzipped size" Lambda limits to
 * 250 MB. Counting stops once past `stopAbove`, so a huge folder costs no more than
 * proving it too big.
 */
export function unzippedSize(dirs: string[], stopAbove = Infinity): number {
	let total = 0;
	for (const dir of dirs) {
		try {
			walk(dir, path => {
				total += statSync(path, {throwIfNoEntry: false})?.size ?? 0;
				if (total > stopAbove) throw new Exceeded();
			});
		} catch (error) {
			if (error instanceof Exceeded) return total;
			// A missing folder adds nothing; the runtime reports the missing code itself.
		}
	}
	return total;
}
