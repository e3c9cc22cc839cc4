/**
 * Reads a template file (YAML with CloudFormation's short forms, or JSON as CDK and
 * `sam build` write it) into plain data. Syntax errors become problems that point at
 * `file:line:column`, since there is no property path yet to name.
 */
import {readFileSync} from 'node:fs';
import {basename} from 'node:path';
import {LineCounter, parseDocument} from 'yaml';
import {cloudFormationTags} from './yamlTags.js';
import type {ProblemList} from './templateProblem.js';

/** A parsed document, or undefined when the file could not be read or parsed. */
export function readTemplateFile(templatePath: string, problems: ProblemList): unknown {
	let text: string;
	try {
		text = readFileSync(templatePath, 'utf8');
	} catch (error) {
		problems.add(basename(templatePath), `cannot read the template: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
		return undefined;
	}
	return parseTemplateText(text, basename(templatePath), problems);
}

export function parseTemplateText(text: string, fileName: string, problems: ProblemList): unknown {
	if (/^\s*[{[]/.test(text) && looksLikeJsonFile(fileName)) return parseJson(text, fileName, problems);
	return parseYaml(text, fileName, problems, true);
}

function looksLikeJsonFile(fileName: string): boolean {
	return fileName.endsWith('.json');
}

function parseJson(text: string, fileName: string, problems: ProblemList): unknown {
	try {
		return JSON.parse(text);
	} catch (error) {
		const message = (error as Error).message;
		const at = /position (\d+)/.exec(message);
		if (!at) {
			problems.add(fileName, `JSON syntax error: ${message}`);
			return undefined;
		}
		const offset = Number(at[1]);
		const before = text.slice(0, offset).split('\n');
		problems.add(`${fileName}:${before.length}:${before[before.length - 1].length + 1}`, `JSON syntax error: ${message}`);
		return undefined;
	}
}

/**
 * Parses YAML. Template files get CloudFormation's tags; definition files
 * (`DefinitionUri`) are uploaded to S3 as they are, so they get none.
 */
export function parseYaml(text: string, fileName: string, problems: ProblemList, cloudFormation: boolean): unknown {
	const lineCounter = new LineCounter();
	const document = parseDocument(text, {
		customTags: cloudFormation ? [...cloudFormationTags] : [],
		lineCounter,
		prettyErrors: false,
	});
	const errors = [...document.errors, ...document.warnings.filter(warning => warning.code === 'TAG_RESOLVE_FAILED')];
	if (errors.length > 0) {
		for (const error of errors) {
			const {line, col} = lineCounter.linePos(error.pos[0]);
			const detail = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
			problems.add(`${fileName}:${line}:${col}`, `YAML syntax error: ${detail}`);
		}
		return undefined;
	}
	return document.toJS({maxAliasCount: 1000});
}
