/**
 * Request ids: UUID-shaped like AWS's, but time-ordered (UUIDv7 layout) so the
 * invocations table's request id index grows at its end instead of at random pages,
 * which keeps tens of thousands of inserts per second cheap.
 */
import {randomBytes} from 'node:crypto';

let pool = randomBytes(8192);
let offset = 0;
let lastMs = 0;
let sequence = 0;

/** Hex from a pool of random bytes refilled 8 KB at a time: one crypto call per thousand ids, not one per id. */
export function randomHex(bytes: number): string {
	if (offset + bytes > pool.length) {
		pool = randomBytes(8192);
		offset = 0;
	}
	const hex = pool.toString('hex', offset, offset + bytes);
	offset += bytes;
	return hex;
}

export function newRequestId(now = Date.now()): string {
	if (now === lastMs) sequence = (sequence + 1) & 0xfff;
	else {
		lastMs = now;
		sequence = 0;
	}
	const time = now.toString(16).padStart(12, '0');
	const random = randomHex(8);
	const variant = ((parseInt(random[0], 16) & 0x3) | 0x8).toString(16);
	return `${time.slice(0, 8)}-${time.slice(8)}-7${sequence.toString(16).padStart(3, '0')}-${variant}${random.slice(1, 4)}-${random.slice(4)}`;
}
