/**
 * Where a function's or layer's code lives on this machine: a folder beside the
 * template (SAM's CodeUri, `aws cloudformation package`'s local Code path), a CDK
 * asset folder (`Metadata: aws:asset:path` beside the synthesized template), or
 * inline source written out to a folder of its own. Code in S3 cannot be fetched.
 */
import {createHash} from 'node:crypto';
import {mkdirSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {isAbsolute, join, resolve} from 'node:path';
import {isPlainObject} from '../intrinsics.js';
import type {TemplateResource} from '../stack.js';
import type {ProblemList} from '../templateProblem.js';
import type {BuildContext} from './buildContext.js';

/** An existing folder for `location` (relative to the template), or undefined after a problem. */
export function localFolder(location: string, path: string, context: BuildContext, what: string): string | undefined {
	if (/^s3:\/\//i.test(location)) {
		context.stack.problems.add(path, `${what} ${location} is in S3, which stratus cannot fetch: point it at the local folder (as before sam package)`);
		return undefined;
	}
	const folder = isAbsolute(location) ? location : resolve(context.root, location);
	return existingFolder(folder, location, path, context.stack.problems, what);
}

function existingFolder(folder: string, shown: string, path: string, problems: ProblemList, what: string): string | undefined {
	let stats;
	try {
		stats = statSync(folder);
	} catch {
		problems.add(path, `${what} '${shown}' does not exist (looked for ${folder})`);
		return undefined;
	}
	if (!stats.isDirectory()) {
		problems.add(path, `${what} '${shown}' is a file; stratus runs code from an unpacked folder`);
		return undefined;
	}
	return folder;
}

/**
 * The folder of a CDK asset: CDK writes `Code: {S3Bucket, S3Key}` for deployment and
 * names the local copy in `Metadata['aws:asset:path']`, relative to the cloud assembly.
 */
export function cdkAssetFolder(resource: TemplateResource, property: string, context: BuildContext, path: string): string | undefined | false {
	const assetPath = resource.metadata['aws:asset:path'];
	const assetProperty = resource.metadata['aws:asset:property'];
	if (typeof assetPath !== 'string' || (assetProperty !== undefined && assetProperty !== property)) return false;
	const folder = isAbsolute(assetPath) ? assetPath : resolve(context.root, assetPath);
	return existingFolder(folder, assetPath, path, context.stack.problems, 'CDK asset');
}

/** Describes an S3 code location for a problem message. */
export function describeS3Location(value: unknown): string {
	if (!isPlainObject(value)) return 'S3';
	const bucket = value.S3Bucket ?? value.Bucket;
	const key = value.S3Key ?? value.Key;
	return typeof bucket === 'string' && typeof key === 'string' ? `s3://${bucket}/${key}` : 'S3';
}

const inlineExtensions: Array<[prefix: string, extension: string]> = [
	['nodejs', 'js'],
	['python', 'py'],
];

/**
 * A folder holding inline source as `index.<ext>`, the file Lambda makes of
 * `ZipFile`/`InlineCode`. It lives under the system temp folder, named by a hash of
 * the source, so loading never writes into the user's project and repeated loads
 * reuse one folder.
 */
export function inlineCodeFolder(source: string, runtime: string | undefined, path: string, context: BuildContext): string | undefined {
	const extension = runtime && inlineExtensions.find(([prefix]) => runtime.startsWith(prefix))?.[1];
	if (!extension) {
		context.stack.problems.add(path, `inline code runs on Node.js and Python runtimes only, not ${runtime ?? 'a function without a Runtime'}`);
		return undefined;
	}
	const hash = createHash('sha256').update(`${extension}\n${source}`).digest('hex').slice(0, 16);
	const folder = join(tmpdir(), 'stratus-inline-code', hash);
	if (context.materializeInlineCode) {
		mkdirSync(folder, {recursive: true});
		writeFileSync(join(folder, `index.${extension}`), source);
	}
	return folder;
}
