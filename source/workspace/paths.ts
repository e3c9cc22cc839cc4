/**
 * Where things live: the template (default ./template.yaml) and the database
 * (default .stratus/stratus.db beside the template).
 */
import {existsSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';

export interface WorkspacePaths {
	/** Absolute template path, or undefined when there is none (a bare definition file run). */
	template?: string;
	db: string;
}

export function resolvePaths(options: {template?: string; db?: string}, required: boolean): WorkspacePaths {
	const explicit = options.template !== undefined;
	const candidate = resolve(options.template ?? 'template.yaml');
	const template = existsSync(candidate) ? candidate : undefined;
	if (!template && (required || explicit)) {
		return {template: candidate, db: resolve(options.db ?? join(dirname(candidate), '.stratus', 'stratus.db'))};
	}
	const base = template ? dirname(template) : process.cwd();
	return {template, db: resolve(options.db ?? join(base, '.stratus', 'stratus.db'))};
}
