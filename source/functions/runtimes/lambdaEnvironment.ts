/**
 * The environment variables Lambda sets for a function (its "reserved" variables),
 * pointed at local folders: the function's code folder stands in for /var/task and
 * each layer's content folder for /opt. The function's own variables come last but
 * cannot override the reserved ones, as on AWS.
 */
import {delimiter, join} from 'node:path';
import type {FunctionConfig} from '../../project/model.js';
import {executionEnv, runtimeFamily, RuntimeFamily} from './runtimeFamily.js';
import {runtimeDir} from './packageRoot.js';

export interface EnvironmentContext {
	fn: FunctionConfig;
	version: string;
	region: string;
	layerDirs: string[];
	/** The code folder the version runs from (a snapshot for published versions). */
	codeDir: string;
}

/** Variables a function may not set itself. */
const reserved = new Set([
	'_HANDLER',
	'_X_AMZN_TRACE_ID',
	'AWS_DEFAULT_REGION',
	'AWS_REGION',
	'AWS_EXECUTION_ENV',
	'AWS_LAMBDA_FUNCTION_NAME',
	'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
	'AWS_LAMBDA_FUNCTION_VERSION',
	'AWS_LAMBDA_INITIALIZATION_TYPE',
	'AWS_LAMBDA_LOG_GROUP_NAME',
	'AWS_LAMBDA_LOG_STREAM_NAME',
	'AWS_LAMBDA_RUNTIME_API',
	'LAMBDA_TASK_ROOT',
	'LAMBDA_RUNTIME_DIR',
]);

/** Host variables a local function still needs: credentials for AWS SDK calls, and the shell's basics. */
const passThrough = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_ENDPOINT_URL', 'HOME'];

export function lambdaEnvironment(context: EnvironmentContext): Record<string, string> {
	const {fn, version, region, layerDirs, codeDir} = context;
	// Layers are extracted into /opt in order, later ones overwriting earlier files: search the last first.
	const opt = [...layerDirs].reverse();
	const env: Record<string, string> = {};
	for (const name of passThrough) {
		const value = process.env[name];
		if (value !== undefined) env[name] = value;
	}
	Object.assign(env, {
		LANG: 'en_US.UTF-8',
		TZ: ':UTC',
		PATH: [...opt.map(dir => join(dir, 'bin')), process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].join(delimiter),
		LD_LIBRARY_PATH: [...opt.map(dir => join(dir, 'lib')), process.env.LD_LIBRARY_PATH].filter(Boolean).join(delimiter),
	});
	const family = runtimeFamily(fn.runtime);
	if (family === RuntimeFamily.Node) {
		const major = /^nodejs(\d+)/.exec(fn.runtime)?.[1];
		env.NODE_PATH = [
			...opt.flatMap(dir => [join(dir, 'nodejs', `node${major}`, 'node_modules'), join(dir, 'nodejs', 'node_modules')]),
			codeDir,
		].join(delimiter);
	}
	if (family === RuntimeFamily.Python) {
		const minor = /^python(3\.\d+)/.exec(fn.runtime)?.[1];
		env.PYTHONPATH = opt.flatMap(dir => [join(dir, 'python', 'lib', `python${minor}`, 'site-packages'), join(dir, 'python')]).join(delimiter);
		env.PYTHONUNBUFFERED = '1';
		// Keeps __pycache__ folders out of the user's code folder.
		env.PYTHONDONTWRITEBYTECODE = '1';
	}
	for (const [name, value] of Object.entries(fn.environment ?? {})) {
		if (!reserved.has(name)) env[name] = String(value);
	}
	Object.assign(env, {
		_HANDLER: fn.handler,
		AWS_REGION: region,
		AWS_DEFAULT_REGION: region,
		AWS_LAMBDA_FUNCTION_NAME: fn.name,
		AWS_LAMBDA_FUNCTION_VERSION: version,
		AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
		AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
		AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
		LAMBDA_TASK_ROOT: codeDir,
		LAMBDA_RUNTIME_DIR: runtimeDir(),
	});
	const execEnv = executionEnv(fn.runtime);
	if (execEnv) env.AWS_EXECUTION_ENV = execEnv;
	return env;
}

/** Lambda's stream name for one execution environment: `2024/01/31/[$LATEST]<32 hex>`. */
export function logStreamName(version: string, now = new Date(), id = randomHex(32)): string {
	const date = now.toISOString().slice(0, 10).replaceAll('-', '/');
	return `${date}/[${version}]${id}`;
}

function randomHex(length: number): string {
	let out = '';
	while (out.length < length) out += Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0');
	return out.slice(0, length);
}
