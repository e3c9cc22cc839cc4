/**
 * `stratus invoke FUNCTION[:QUALIFIER]`: Lambda's Invoke from the shell.
 *
 * `--json` prints Invoke's response as the AWS CLI shows it: StatusCode,
 * FunctionError, Payload (parsed when it is JSON), ExecutedVersion, LogResult
 * (FunctionError and LogResult are null when absent). Without it a person gets the
 * payload, pretty, on stdout and the REPORT line (or with `--log-type Tail` the
 * decoded log tail) on stderr, as `sam local invoke` splits them, so the payload
 * still pipes cleanly into jq.
 *
 * Exit codes follow the outcome, as `stratus run`'s follow the status: 0 for a
 * successful invocation (or a queued one, or a dry run), 1 when the handler failed
 * (a 200 with FunctionError: the response is still printed), 2 for the caller's
 * fault (Lambda's 4xx errors: unknown function or qualifier, payload not JSON or
 * too large, bad parameters) and 1 for throttling and service errors.
 */
import {readFileSync} from 'node:fs';
import type {Argv} from 'yargs';
import {InvocationType, LambdaServiceError, type InvokeResult} from '../functions/index.js';
import {BadInput} from '../workspace/badInput.js';
import {openWorkspace, type Workspace} from '../workspace/workspace.js';
import {printJson, workspaceOptions, type GlobalArgs} from './globalOptions.js';

interface InvokeArgs extends GlobalArgs {
	function: string;
	payload?: string;
	'payload-file'?: string;
	qualifier?: string;
	async?: boolean;
	'dry-run'?: boolean;
	'log-type'?: 'None' | 'Tail';
	json?: boolean;
}

const help = `Invoke a Lambda function of the template (Lambda's Invoke)

Exit status: 0 when the invocation succeeded (with --async: was queued for \`stratus serve\`; with --dry-run: would be allowed),
1 when the handler failed (FunctionError is set; the error payload is still printed) or Lambda throttled or failed,
2 for the caller's fault: an unknown function or qualifier, a payload that is not JSON or is too large.`;

export function invokeCommand(yargs: Argv): void {
	yargs.command<InvokeArgs>(
		'invoke <function>',
		help,
		y =>
			y
				.positional('function', {type: 'string', demandOption: true, describe: 'function name, name:qualifier (version or alias), or ARN'})
				.option('payload', {type: 'string', describe: 'the event (JSON)'})
				.option('payload-file', {type: 'string', describe: 'file holding the event (JSON)'})
				.option('qualifier', {type: 'string', describe: 'version or alias (instead of name:qualifier)'})
				.option('async', {type: 'boolean', describe: "queue the event (InvocationType Event, 202) for `stratus serve` to run"})
				.option('dry-run', {type: 'boolean', describe: 'check the function, qualifier and payload without running it (204)'})
				.option('log-type', {type: 'string', choices: ['None', 'Tail'], describe: 'Tail: return the last 4 KB of the log (LogResult)'})
				.option('json', {type: 'boolean', describe: "print Invoke's response as one JSON object"})
				.conflicts('async', 'dry-run') as Argv<InvokeArgs>,
		async args => {
			const payload = readPayload(args.payload, args['payload-file']);
			const invocationType = args.async ? InvocationType.Event : args['dry-run'] ? InvocationType.DryRun : InvocationType.RequestResponse;
			// A one-shot process only queues asynchronous events: `stratus serve` runs them.
			await withLambda(openWorkspace({...workspaceOptions(args), asyncDispatch: false}), async workspace => {
				const wantTail = args['log-type'] === 'Tail';
				const result = await workspace.functions().invoke({
					functionName: args.function,
					qualifier: args.qualifier,
					payload,
					invocationType,
					// People always see the REPORT line; scripts get LogResult only when they ask for it.
					logType: wantTail || !args.json ? 'Tail' : 'None',
				});
				if (args.json) printJson(invokeResponse(result, wantTail));
				else printForPeople(result, wantTail);
				if (result.functionError) process.exitCode = 1;
			});
		},
	);
}

/** The raw payload text, checked to be JSON here so the error names the flag. */
function readPayload(inline: string | undefined, file: string | undefined): Buffer | undefined {
	if (inline !== undefined && file !== undefined) throw new BadInput('--payload and --payload-file cannot both be given');
	let text: Buffer;
	let source: string;
	if (file !== undefined) {
		try {
			text = readFileSync(file);
		} catch (e) {
			throw new BadInput(`--payload-file: cannot read ${file}: ${(e as Error).message}`, {cause: e});
		}
		source = `--payload-file ${file}`;
	} else if (inline !== undefined) {
		text = Buffer.from(inline, 'utf8');
		source = '--payload';
	} else return undefined;
	try {
		JSON.parse(text.toString('utf8'));
	} catch (e) {
		throw new BadInput(`${source}: not valid JSON: ${(e as Error).message}`, {cause: e});
	}
	// Passed on as given: re-serialising would round large integers and reorder nothing useful.
	return text;
}

export function invokeResponse(result: InvokeResult, withLog: boolean): Record<string, unknown> {
	return {
		StatusCode: result.statusCode,
		FunctionError: result.functionError ?? null,
		Payload: parsePayload(result.payload),
		ExecutedVersion: result.executedVersion,
		LogResult: withLog ? (result.logResult ?? null) : null,
	};
}

function parsePayload(payload: Buffer): unknown {
	if (payload.length === 0) return null;
	const text = payload.toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function printForPeople(result: InvokeResult, wantTail: boolean): void {
	if (result.statusCode === 202) {
		process.stdout.write(`queued ${result.requestId} (202): \`stratus serve\` runs it; \`stratus logs\` shows it once it has run\n`);
		return;
	}
	if (result.statusCode === 204) {
		process.stdout.write(`dry run: ${result.executedVersion} would run (204)\n`);
		return;
	}
	const payload = parsePayload(result.payload);
	if (result.functionError) process.stdout.write(`FunctionError: ${result.functionError} (version ${result.executedVersion})\n`);
	process.stdout.write(typeof payload === 'string' ? `${payload}\n` : `${JSON.stringify(payload, null, 2)}\n`);
	const log = result.logResult ? Buffer.from(result.logResult, 'base64').toString('utf8') : '';
	if (wantTail) process.stderr.write(log.endsWith('\n') || log === '' ? log : `${log}\n`);
	else {
		const report = log.split('\n').filter(line => line.startsWith('REPORT ')).pop();
		if (report) process.stderr.write(`${report}\n`);
	}
}

/**
 * Runs a Lambda API call on an open workspace and closes it. Lambda's own errors end
 * the command with `stratus: <Code>: <message>`: exit 2 for the caller's fault (4xx
 * other than throttling), 1 for throttling and service errors.
 */
export async function withLambda(workspace: Workspace, body: (workspace: Workspace) => Promise<void> | void): Promise<void> {
	let failure: LambdaServiceError | undefined;
	try {
		await body(workspace);
	} catch (e) {
		if (!(e instanceof LambdaServiceError)) throw e;
		failure = e;
	} finally {
		await workspace.close();
	}
	if (!failure) return;
	const line = `${failure.code}: ${failure.message}`;
	if (failure.statusCode >= 400 && failure.statusCode < 500 && failure.statusCode !== 429) throw new BadInput(line, {cause: failure});
	process.stderr.write(`stratus: ${line}\n`);
	process.exitCode = 1;
}
