/** `--input JSON` / `--input-file F` (and `--payload`/`--payload-file`): parsed, or a BadInput naming the flag. */
import {readFileSync} from 'node:fs';
import {BadInput} from './badInput.js';

export function readJsonOption(inline: string | undefined, file: string | undefined, flag: string, fallback: unknown = {}): unknown {
	if (inline !== undefined && file !== undefined) throw new BadInput(`--${flag} and --${flag}-file cannot both be given`);
	let text: string;
	let source: string;
	if (file !== undefined) {
		try {
			text = readFileSync(file, 'utf8');
		} catch (e) {
			throw new BadInput(`--${flag}-file: cannot read ${file}: ${(e as Error).message}`, {cause: e});
		}
		source = `--${flag}-file ${file}`;
	} else if (inline !== undefined) {
		text = inline;
		source = `--${flag}`;
	} else return fallback;
	try {
		return JSON.parse(text);
	} catch (e) {
		throw new BadInput(`${source}: not valid JSON: ${(e as Error).message}`, {cause: e});
	}
}
