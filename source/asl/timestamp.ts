/**
 * Step Functions timestamps: RFC 3339 / ISO-8601 extended offset date-times with an
 * uppercase T and a Z or numeric offset (`2016-03-14T01:59:00Z`,
 * `2016-03-14T01:59:00.123+01:00`). Anything else is not a timestamp.
 */
const pattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds, or undefined when the text is not a valid timestamp. */
export function parseTimestamp(text: string): number | undefined {
	const m = pattern.exec(text);
	if (!m) return undefined;
	const [, y, mo, d, h, mi, s] = m;
	const month = Number(mo);
	const day = Number(d);
	if (month < 1 || month > 12 || day < 1 || day > daysIn(Number(y), month)) return undefined;
	if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? undefined : ms;
}

function daysIn(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
