import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {seg} from '../../source/tui/lines.js';
import {styledLine} from '../../source/tui/styledText.js';
import {createTheme, UiToken} from '../../source/tui/theme.js';
import {Token} from '../../source/tui/graph/types.js';

const dark = createTheme({colour: true});
const E = '\u001b[';

test('a styled line writes only what changes between segments and leaves the end open', () => {
	const line = [
		seg('ab', UiToken.Dim),
		seg('c', UiToken.Dim),
		seg('D', UiToken.Accent, {bold: true}),
		seg('e', Token.EdgeDefault),
		seg('f', Token.EdgeDefault, {inverse: true}),
		seg('g', UiToken.Text),
	];
	assert.equal(
		styledLine(line, dark, true),
		// gray; nothing for the same style; bold+cyan; bold off (22) then dim, still cyan; inverse on; everything off.
		`${E}90mabc${E}1m${E}36mD${E}22m${E}2me${E}7mf${E}22m${E}39m${E}27mg`,
	);
	assert.equal(styledLine(line, dark, false), 'abcDefg', 'plain where Ink styles nothing');
	assert.equal(styledLine([seg('', UiToken.Error), seg('x', UiToken.Text)], dark, true), 'x', 'empty segments write nothing');
	const mono = createTheme({colour: false});
	assert.equal(styledLine([seg('a', UiToken.Dim), seg('b', UiToken.Selection), seg('c', UiToken.Key)], mono, true), `a${E}7mb${E}1m${E}27mc`, 'no colour: bold and inverse stay');
});

/** Each visible character with the SGR attributes in force where it is drawn. */
function cells(frame: string): string[] {
	const out: string[] = [];
	const on = new Map<string, string>();
	for (const part of frame.split(/(\u001b\[[0-9;]*m)/)) {
		const code = /^\u001b\[([0-9;]*)m$/.exec(part)?.[1];
		if (code === undefined) {
			for (const char of part) out.push(char === '\n' ? '\n' : `${char}{${[...on].map(([k, v]) => `${k}=${v}`).sort().join(',')}}`);
			continue;
		}
		for (const n of code.split(';').map(Number)) {
			if (n === 0) on.clear();
			else if (n === 1) on.set('bold', '1');
			else if (n === 2) on.set('dim', '1');
			else if (n === 22) (on.delete('bold'), on.delete('dim'));
			else if (n === 7) on.set('inverse', '1');
			else if (n === 27) on.delete('inverse');
			else if (n === 39) on.delete('fg');
			else on.set('fg', String(n));
		}
	}
	// Trailing blanks are not drawn either way.
	return out.join('').split('\n').map(row => row.replace(/( \{\})+$/, '')).join('\n').split('');
}

for (const theme of ['colour', 'mono']) {
	test(`a text block draws exactly what one <Text> per segment drew (${theme}, in a colour terminal)`, () => {
		const fixture = fileURLToPath(new URL('./fixtures/styledBlock.tsx', import.meta.url));
		const run = spawnSync(process.execPath, ['--import', 'tsx', fixture, theme], {encoding: 'utf8', env: {...process.env, FORCE_COLOR: '1', NODE_ENV: 'production'}});
		assert.equal(run.status, 0, run.stderr);
		const {perSegment, block} = JSON.parse(run.stdout) as {perSegment: string; block: string};
		assert.match(perSegment, /\u001b\[/, 'the child draws in colour');
		assert.equal(cells(block).join(''), cells(perSegment).join(''));
	});
}
