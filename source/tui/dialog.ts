/**
 * Dialogs: the short forms behind a mutating key (start with input, invoke with an
 * event, approve with output, reject with error and cause, stop). A dialog is a list
 * of steps (type text, pick one, confirm) answered in turn; the last confirmation
 * names its target, so a key pressed in the wrong pane never answers the wrong task.
 * Pure: `dialogKey` takes a key and returns the next state or what to do.
 */
import type {Key} from 'ink';
import {keyName} from './keymap.js';

export interface ChoiceOption {
	label: string;
	detail?: string;
	value: string;
}

export type DialogStep =
	| {
			kind: 'text';
			label: string;
			/** The text to start from, maybe from earlier answers (the picked event's payload). */
			initial?: string | ((values: readonly string[]) => string);
			placeholder?: string;
			/** A message when the text cannot be used. */
			validate?: (value: string) => string | undefined;
	  }
	| {kind: 'choice'; label: string; options: ChoiceOption[]}
	| {kind: 'confirm'; message: (values: readonly string[]) => string};

export interface DialogSpec {
	title: string;
	steps: DialogStep[];
	/** Runs the action; resolves with what to tell the user. */
	submit(values: readonly string[]): Promise<string>;
}

export interface DialogState {
	spec: DialogSpec;
	step: number;
	values: string[];
	/** The text being typed at a text step. */
	text: string;
	/** The highlighted option at a choice step. */
	choice: number;
	error?: string;
}

export type DialogOutcome =
	| {kind: 'update'; state: DialogState}
	| {kind: 'cancel'}
	| {kind: 'submit'; values: string[]};

export function openDialog(spec: DialogSpec): DialogState {
	return enterStep({spec, step: 0, values: [], text: '', choice: 0});
}

function enterStep(state: DialogState): DialogState {
	const step = state.spec.steps[state.step];
	if (step?.kind === 'text') {
		const initial = typeof step.initial === 'function' ? step.initial(state.values) : (step.initial ?? '');
		return {...state, text: initial, error: undefined};
	}
	return {...state, text: '', choice: 0, error: undefined};
}

function advance(state: DialogState, value: string): DialogOutcome {
	const values = [...state.values, value];
	if (state.step + 1 >= state.spec.steps.length) return {kind: 'submit', values};
	return {kind: 'update', state: enterStep({...state, step: state.step + 1, values})};
}

/** Printable input: typed characters or a paste, not a control key. */
export function isPrintable(input: string, key: Key): boolean {
	if (key.ctrl || key.meta || key.return || key.escape || key.tab || key.backspace || key.delete) return false;
	if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end) return false;
	return input.length > 0 && !/^[\u0000-\u001f\u007f]+$/.test(input);
}

/** Line editing shared by every text input: type, paste, Backspace, Ctrl-U clears, Ctrl-W deletes a word. */
export function editText(text: string, input: string, key: Key): string | undefined {
	const name = keyName(input, key);
	if (name === 'backspace') return text.slice(0, -1);
	if (name === 'ctrl+u') return '';
	if (name === 'ctrl+w') return text.replace(/\s*\S+\s*$/, '');
	if (isPrintable(input, key)) return text + input.replace(/[\r\n]+/g, ' ');
	return undefined;
}

export function dialogKey(state: DialogState, input: string, key: Key): DialogOutcome {
	const name = keyName(input, key);
	const step = state.spec.steps[state.step];
	if (name === 'esc' || !step) return {kind: 'cancel'};
	switch (step.kind) {
		case 'text': {
			if (name === 'enter') {
				const error = step.validate?.(state.text);
				if (error) return {kind: 'update', state: {...state, error}};
				return advance(state, state.text);
			}
			const text = editText(state.text, input, key);
			return text === undefined ? {kind: 'update', state} : {kind: 'update', state: {...state, text, error: undefined}};
		}
		case 'choice': {
			const count = step.options.length;
			if (name === 'enter' && count > 0) return advance(state, step.options[state.choice].value);
			if (name === 'down' || name === 'j' || name === 'tab') return {kind: 'update', state: {...state, choice: (state.choice + 1) % Math.max(1, count)}};
			if (name === 'up' || name === 'k' || name === 'shift+tab') {
				return {kind: 'update', state: {...state, choice: (state.choice - 1 + count) % Math.max(1, count)}};
			}
			return {kind: 'update', state};
		}
		case 'confirm': {
			if (name === 'y' || name === 'Y' || name === 'enter') return advance(state, 'yes');
			if (name === 'n' || name === 'N' || name === 'q') return {kind: 'cancel'};
			return {kind: 'update', state};
		}
	}
}
