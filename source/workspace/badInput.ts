/**
 * Bad input from the user: a definition, a template, a flag. The CLI prints its
 * one line and exits 2, as the headless contract says; nothing else uses exit 2.
 */
export class BadInput extends Error {
	constructor(message: string, options?: {cause?: unknown}) {
		super(message, options);
		this.name = 'BadInput';
	}
}
