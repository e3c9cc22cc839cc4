/**
 * Request ids: UUID-shaped like AWS's, but time-ordered (UUIDv7 layout) so the
 * invocations table's request id index grows at its end instead of at random pages,
 * which keeps tens of thousands of inserts per second cheap.
 *
 * An id is made on every invoke, so it is assembled from strings made ahead: the
 * time part once per millisecond, the sequence from a table, the random part sliced
 * from a hex string refilled 4 KB of random bytes at a time.
 */
import {randomBytes} from 'node:crypto';

let hexPool = '';
let hexOffset = 0;

function randomDigits(count: number): string {
	if (hexOffset + count > hexPool.length) {
		hexPool = randomBytes(4096).toString('hex');
		hexOffset = 0;
	}
	const digits = hexPool.slice(hexOffset, hexOffset + count);
	hexOffset += count;
	return digits;
}

/** `bytes` random bytes as hex. */
export function randomHex(bytes: number): string {
	return randomDigits(bytes * 2);
}

const sequenceHex = Array.from({length: 0x1000}, (_, n) => n.toString(16).padStart(3, '0'));
/** RFC 9562 variant: the first digit of the fourth group is 8, 9, a or b; indexed by a random hex digit's character code. */
const variantDigit: string[] = [];
for (const digit of '0123456789abcdef') variantDigit[digit.charCodeAt(0)] = '89ab'[parseInt(digit, 16) & 3];

let lastMs = -1;
let timePrefix = '';
let sequence = 0;

export function newRequestId(now = Date.now()): string {
	if (now === lastMs) sequence = (sequence + 1) & 0xfff;
	else {
		lastMs = now;
		sequence = 0;
		const time = now.toString(16).padStart(12, '0');
		timePrefix = `${time.slice(0, 8)}-${time.slice(8)}-7`;
	}
	const random = randomDigits(16);
	return `${timePrefix}${sequenceHex[sequence]}-${variantDigit[random.charCodeAt(0)]}${random.slice(1, 4)}-${random.slice(4)}`;
}
