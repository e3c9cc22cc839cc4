/** Function configs over fixtures/functions and a pool factory for the runtime tests. */
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {createRuntimePool, lambdaEnvironment, type InvokeOutcome, type RuntimePool} from '../../source/functions/runtimes/index.js';
import type {FunctionConfig} from '../../source/project/model.js';

export const fixtures = fileURLToPath(new URL('../../fixtures/functions/', import.meta.url));

export function fixtureFunction(name: string, runtime: string, dir: string, handler: string, extra: Partial<FunctionConfig> = {}): FunctionConfig {
	return {
		logicalId: name,
		name,
		arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
		runtime,
		handler,
		codeDir: join(fixtures, dir),
		memorySize: 128,
		timeout: 3,
		environment: {GREETING: 'hi'},
		layers: [],
		...extra,
	};
}

export function poolFor(fn: FunctionConfig, layerDirs: string[] = []): RuntimePool {
	const env = lambdaEnvironment({fn, version: '$LATEST', region: 'us-east-1', layerDirs, codeDir: fn.codeDir});
	return createRuntimePool({fn, version: '$LATEST', layerDirs, env});
}

let counter = 0;

export function invoke(pool: RuntimePool, fn: FunctionConfig, payload: unknown = {}): Promise<InvokeOutcome> {
	return pool.invoke({
		requestId: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
		payload: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)),
		deadlineMs: Date.now() + fn.timeout * 1000,
		invokedFunctionArn: fn.arn,
	});
}

export function json(outcome: InvokeOutcome): any {
	return JSON.parse(outcome.payload.toString('utf8'));
}
