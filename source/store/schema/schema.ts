/** A room's tables, as an append-only list of migrations (never edit an applied one). */
export interface Schema {
	room: string;
	migrations: Array<{id: string; sql: string}>;
}
