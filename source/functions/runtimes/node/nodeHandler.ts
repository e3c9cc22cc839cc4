/**
 * Finds the file and export a Node handler string names (`src/app.handler`,
 * `index.handlers.get`) the way AWS's Node runtime does, and compiles TypeScript
 * handlers with esbuild on the fly. The function's own modules are bundled; package
 * imports stay imports but are pinned to the files they resolve to from the
 * handler's folder, so the output can live in the temp folder instead of the
 * user's code. It is rebuilt only when one of its input files changes.
 */
import {build, type Plugin} from 'esbuild';
import {createHash} from 'node:crypto';
import {existsSync, readFileSync, statSync} from 'node:fs';
import {createRequire, isBuiltin} from 'node:module';
import {tmpdir} from 'node:os';
import {dirname, join, relative, resolve} from 'node:path';

export interface ResolvedHandler {
	/** The file the worker loads. */
	file: string;
	moduleFormat: 'cjs' | 'esm';
	exportPath: string;
	/** Folders whose changes mean new code (the handler's, and a TypeScript build's inputs'). */
	watchDirs: string[];
	sourceMaps: boolean;
}

export interface HandlerProblem {
	errorType: string;
	errorMessage: string;
}

const extensions = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

export function splitHandler(handler: string): {module: string; exportPath: string} | undefined {
	const slash = handler.lastIndexOf('/');
	const dot = handler.indexOf('.', slash + 1);
	if (dot <= slash + 1 || dot === handler.length - 1) return undefined;
	return {module: handler.slice(0, dot), exportPath: handler.slice(dot + 1)};
}

export async function resolveNodeHandler(codeDir: string, handler: string): Promise<ResolvedHandler | HandlerProblem> {
	const parts = splitHandler(handler);
	if (!parts) return {errorType: 'Runtime.MalformedHandlerName', errorMessage: `Bad handler ${handler}`};
	const base = resolve(codeDir, parts.module);
	const file = extensions.map(ext => base + ext).find(candidate => existsSync(candidate));
	if (!file) return {errorType: 'Runtime.ImportModuleError', errorMessage: `Error: Cannot find module '${parts.module}'`};
	const ext = file.slice(file.lastIndexOf('.'));
	if (ext === '.ts' || ext === '.mts' || ext === '.cts') {
		const format = ext === '.mts' || (ext === '.ts' && packageType(dirname(file), codeDir) === 'module') ? 'esm' : 'cjs';
		return compileTypeScript(codeDir, file, format, parts.exportPath);
	}
	const moduleFormat = ext === '.mjs' || (ext === '.js' && packageType(dirname(file), codeDir) === 'module') ? 'esm' : 'cjs';
	return {file, moduleFormat, exportPath: parts.exportPath, watchDirs: unique([codeDir, dirname(file)]), sourceMaps: false};
}

/**
 * The `type` of the nearest package.json, as Node decides how to load a `.js` file,
 * looking no higher than the code folder: on Lambda the code is all of /var/task,
 * so a `"type": "module"` of the surrounding project does not apply to it.
 */
function packageType(dir: string, codeDir: string): string {
	const root = resolve(codeDir);
	for (let current = dir; ; current = dirname(current)) {
		const manifest = join(current, 'package.json');
		if (existsSync(manifest)) {
			try {
				return (JSON.parse(readFileSync(manifest, 'utf8')) as {type?: string}).type ?? 'commonjs';
			} catch {
				return 'commonjs';
			}
		}
		if (current === root || dirname(current) === current) return 'commonjs';
	}
}

interface CompiledEntry {
	outFile: string;
	/** Input file -> mtime when compiled. */
	inputs: Map<string, number>;
	format: 'cjs' | 'esm';
}

const compiled = new Map<string, CompiledEntry>();
const inFlight = new Map<string, Promise<CompiledEntry | HandlerProblem>>();

function upToDate(entry: CompiledEntry): boolean {
	for (const [input, mtime] of entry.inputs) {
		try {
			if (statSync(input).mtimeMs !== mtime) return false;
		} catch {
			return false;
		}
	}
	return existsSync(entry.outFile);
}

async function compileTypeScript(
	codeDir: string,
	file: string,
	format: 'cjs' | 'esm',
	exportPath: string,
): Promise<ResolvedHandler | HandlerProblem> {
	const key = `${file}|${format}`;
	let entry: CompiledEntry | HandlerProblem | undefined = compiled.get(key);
	if (!entry || !upToDate(entry)) {
		let pending = inFlight.get(key);
		if (!pending) {
			pending = runEsbuild(codeDir, file, format).finally(() => inFlight.delete(key));
			inFlight.set(key, pending);
		}
		entry = await pending;
		if ('errorType' in entry) return entry;
		compiled.set(key, entry);
	}
	const watchDirs = unique([codeDir, ...[...entry.inputs.keys()].filter(input => !input.includes('/node_modules/')).map(dirname)]);
	return {file: entry.outFile, moduleFormat: format, exportPath, watchDirs, sourceMaps: true};
}

async function runEsbuild(codeDir: string, file: string, format: 'cjs' | 'esm'): Promise<CompiledEntry | HandlerProblem> {
	const folder = createHash('sha256').update(codeDir).digest('hex').slice(0, 16);
	const outFile = join(tmpdir(), 'stratus-typescript', folder, relative(codeDir, file).replace(/\.[cm]?ts$/, format === 'esm' ? '.mjs' : '.cjs'));
	// Taken before the build so an edit made while compiling counts as newer than the output.
	const started = Date.now();
	try {
		const result = await build({
			entryPoints: [file],
			outfile: outFile,
			bundle: true,
			plugins: [pinPackages],
			platform: 'node',
			format,
			target: `node${process.versions.node.split('.')[0]}`,
			sourcemap: 'inline',
			metafile: true,
			logLevel: 'silent',
			absWorkingDir: codeDir,
		});
		const inputs = new Map<string, number>();
		for (const input of Object.keys(result.metafile.inputs)) {
			const path = resolve(codeDir, input);
			try {
				inputs.set(path, Math.min(statSync(path).mtimeMs, started));
			} catch {
				// A virtual input (esbuild's own helpers) has no file to watch.
			}
		}
		return {outFile, inputs, format};
	} catch (error) {
		const errors = (error as {errors?: Array<{text: string; location?: {file: string; line: number; column: number}}>}).errors ?? [];
		const first = errors[0];
		const where = first?.location ? ` (${first.location.file}:${first.location.line}:${first.location.column})` : '';
		return {
			errorType: 'Runtime.UserCodeSyntaxError',
			errorMessage: first ? `SyntaxError: ${first.text}${where}` : `SyntaxError: ${(error as Error).message}`,
		};
	}
}

/**
 * Package imports are left to Node at run time, pointed at the file they resolve to
 * from the importing module; a package found only through NODE_PATH (a layer's)
 * stays a bare import for Node to find there.
 */
const pinPackages: Plugin = {
	name: 'stratus-pin-packages',
	setup(pluginBuild) {
		pluginBuild.onResolve({filter: /^[^./]/}, args => {
			if (isBuiltin(args.path)) return {path: args.path, external: true};
			try {
				return {path: createRequire(join(args.resolveDir, 'index.js')).resolve(args.path), external: true};
			} catch {
				return {path: args.path, external: true};
			}
		});
	},
};

function unique(values: string[]): string[] {
	return [...new Set(values)];
}
