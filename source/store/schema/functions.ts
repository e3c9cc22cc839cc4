/** Lambda tables (invocations, logs, versions, aliases, async queue). */
import type {Schema} from './schema.js';

export const functionsSchema: Schema = {
	room: 'functions',
	migrations: [],
};
