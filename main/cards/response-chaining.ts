import { LifeboatError } from '../errors';

const MAX_ROUNDS = 64;

/**
 * Completes one command under the ISO 7816-4 T=0 conventions a PC/SC driver may leave to
 * the host: `61xx` means "xx more bytes, fetch them with GET RESPONSE", `6Cxx` means "wrong
 * Le, send the same command again with Le = xx". T=1 cards never use either, so this is a
 * no-op for them.
 */
export async function exchange(
  send: (apdu: Uint8Array) => Promise<Uint8Array>,
  apdu: Uint8Array,
): Promise<Uint8Array> {
  if (apdu.length < 4)
    throw new LifeboatError('invalid-request', 'A command APDU has at least 4 bytes.');
  let command = apdu;
  let collected: Uint8Array = new Uint8Array(0);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const response = await send(command);
    if (response.length < 2) {
      throw new LifeboatError(
        'malformed-response',
        'The card answered with less than a status word.',
      );
    }
    const sw1 = response[response.length - 2]!;
    const sw2 = response[response.length - 1]!;
    const data = response.subarray(0, response.length - 2);
    if (sw1 === 0x61) {
      collected = concat(collected, data);
      command = Uint8Array.of(apdu[0]! & 0x03, 0xc0, 0x00, 0x00, sw2);
      continue;
    }
    if (sw1 === 0x6c) {
      command = withLe(apdu, sw2);
      continue;
    }
    return concat(collected, response);
  }
  throw new LifeboatError(
    'malformed-response',
    'The card kept asking for more exchanges than any command needs.',
  );
}

/** The same command with its Le set (added for case 1/3 commands, replaced for case 2/4). */
export function withLe(apdu: Uint8Array, le: number): Uint8Array {
  if (apdu.length === 4) return concat(apdu, Uint8Array.of(le));
  if (apdu.length === 5) return concat(apdu.subarray(0, 4), Uint8Array.of(le));
  const lc = apdu[4]!;
  if (apdu.length === 5 + lc) return concat(apdu, Uint8Array.of(le));
  if (apdu.length === 6 + lc) return concat(apdu.subarray(0, 5 + lc), Uint8Array.of(le));
  throw new LifeboatError('invalid-request', 'The command APDU length does not match its Lc byte.');
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
