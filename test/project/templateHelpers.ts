/**
 * Writes small templates to a temporary folder so each test states exactly the
 * template it is about.
 */
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {loadProject, validateTemplate, type LoadOptions} from '../../source/project/loadProject.js';
import type {Project} from '../../source/project/model.js';
import type {TemplateProblem} from '../../source/project/templateProblem.js';

/** Creates a folder holding `files` (path -> content) and returns it. */
export function writeApp(files: Record<string, string>): string {
	const root = mkdtempSync(join(tmpdir(), 'stratus-template-'));
	for (const [path, content] of Object.entries(files)) {
		mkdirSync(dirname(join(root, path)), {recursive: true});
		writeFileSync(join(root, path), content);
	}
	return root;
}

/** A SAM template (YAML text) in a folder of its own, with a `src` code folder. */
export function writeTemplate(yaml: string, files: Record<string, string> = {}): string {
	const root = writeApp({'template.yaml': yaml, 'src/app.mjs': 'export const handler = async () => ({});\n', ...files});
	return join(root, 'template.yaml');
}

export function load(yaml: string, options: LoadOptions = {}, files: Record<string, string> = {}): Project {
	return loadProject(writeTemplate(yaml, files), options);
}

export function problemsOf(yaml: string, options: LoadOptions = {}, files: Record<string, string> = {}): TemplateProblem[] {
	return validateTemplate(writeTemplate(yaml, files), options);
}

/** What `oneFunctionTemplate` adds around its function; every part is YAML text. */
export type OneFunctionParts = {
	/** Properties of the function besides its code, handler and runtime (any indentation). */
	properties?: string;
	/** Top-level sections before Resources (Parameters, Conditions, ...), each line ending in a newline. */
	sections?: string;
	/** More resources after the function, indented by two spaces. */
	resources?: string;
};

/**
 * A SAM template whose one function `Fn` runs `app.handler` from the `src` folder
 * `writeTemplate` provides, so a test spells out only what it is about.
 */
export function oneFunctionTemplate({properties = '', sections = '', resources = ''}: OneFunctionParts = {}): string {
	const extra = properties.trim() === '' ? '' : `${indent(properties, 6)}\n`;
	return `${samHeader}${sections}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src
      Handler: app.handler
      Runtime: nodejs20.x
${extra}${resources}`;
}

/**
 * The environment of `oneFunctionTemplate`'s function with the variables given as
 * YAML (any indentation).
 */
export function environmentOf(variables: string, sections = '', options: LoadOptions = {}, resources = ''): Record<string, string> {
	const properties = `Environment:\n  Variables:\n${indent(variables, 4)}`;
	return load(oneFunctionTemplate({properties, sections, resources}), options).functions[0].environment;
}

export const samHeader = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
`;

/** Re-indents a block of YAML to `spaces`, keeping its inner structure. */
export function indent(text: string, spaces: number): string {
	const lines = text.split('\n').filter(line => line.trim() !== '');
	const base = Math.min(...lines.map(line => line.length - line.trimStart().length));
	return lines.map(line => ' '.repeat(spaces) + line.slice(base)).join('\n');
}

/** A compact `path: message` view for assertions. */
export function describeProblems(problems: TemplateProblem[]): string[] {
	return problems.map(problem => `${problem.path}: ${problem.message}`);
}
