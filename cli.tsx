#!/usr/bin/env node
/**
 * The stratus command tree. Each command is a thin adapter: parse flags, open a
 * workspace, call into source/, print. Bad input exits 2 with one line on stderr;
 * `--json` prints exactly one JSON value on stdout.
 */
import yargs, {type Argv} from 'yargs';
import {hideBin} from 'yargs/helpers';
import {commands} from './source/cli/index.js';
import {BadInput} from './source/workspace/badInput.js';

const parser: Argv = yargs(hideBin(process.argv))
	.scriptName('stratus')
	.usage('$0 [command]\n\nA local serverless workbench: Lambda functions and Step Functions state machines from your SAM template.')
	.option('template', {type: 'string', describe: 'SAM/CloudFormation template (default ./template.yaml)', global: true})
	.option('db', {type: 'string', describe: 'SQLite database (default .stratus/stratus.db beside the template)', global: true})
	.option('functions', {type: 'string', describe: 'JSON manifest of extra functions [{name, arn, runtime, handler, dir}]', global: true, hidden: true})
	.option('parameter-overrides', {type: 'string', array: true, describe: 'Template parameters as Key=Value', global: true})
	.option('account-concurrency', {type: 'number', describe: "Lambda's account concurrency quota (default 1000)", global: true})
	.option('prices', {
		type: 'string',
		describe: 'Lambda prices for cost estimates, USD: gbSecond=…,gbSecondArm=…,request=… (default us-east-1 on-demand)',
		global: true,
	})
	.strict()
	.help()
	.alias('h', 'help')
	.version(false)
	.wrap(Math.min(110, process.stdout.columns || 100))
	.fail((message, error) => {
		if (error && !(error instanceof BadInput)) throw error;
		process.stderr.write(`stratus: ${error?.message ?? message}\n`);
		process.exit(2);
	});

for (const command of commands) command(parser);

try {
	await parser.parseAsync();
} catch (error) {
	if (error instanceof BadInput) {
		process.stderr.write(`stratus: ${error.message}\n`);
		process.exit(2);
	}
	process.stderr.write(`stratus: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
}
