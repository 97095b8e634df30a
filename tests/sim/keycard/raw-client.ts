// Test-only host side of the Keycard protocol for the simulator's own tests: hand-built
// APDUs and a minimal secure channel. It deliberately shares no code with the simulator
// (its crypto is written again here from the digest), so a mistake on one side cannot hide
// behind the same mistake on the other. The real driver lives in main/cards/keycard.
import { cbc } from '@noble/ciphers/aes.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, hexToBytes, randomBytes } from '@noble/hashes/utils.js';

/** card.transmit, or a CardChannel's transmit over pcscd. */
export type Send = (apdu: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export const KEYCARD_AID = hexToBytes('a00000080400010101');

export function command(
  cla: number,
  ins: number,
  p1: number,
  p2: number,
  data?: Uint8Array,
): Uint8Array {
  return data === undefined
    ? Uint8Array.of(cla, ins, p1, p2)
    : concatBytes(Uint8Array.of(cla, ins, p1, p2, data.length), data);
}

export function swOf(response: Uint8Array): number {
  return (response[response.length - 2]! << 8) | response[response.length - 1]!;
}

export function dataOf(response: Uint8Array): Uint8Array {
  return response.slice(0, -2);
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function ascii(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** The value of the first `tag` in a flat run of BER-TLVs (one- or 0x81-form lengths). */
export function findTag(tlvs: Uint8Array, tag: number): Uint8Array | undefined {
  let i = 0;
  while (i + 1 < tlvs.length) {
    const t = tlvs[i]!;
    let length = tlvs[i + 1]!;
    let start = i + 2;
    if (length === 0x81) {
      length = tlvs[i + 2]!;
      start = i + 3;
    }
    if (t === tag) return tlvs.slice(start, start + length);
    i = start + length;
  }
  return undefined;
}

/** The inside of a constructed template (A0/A1/A3/A4) with a one- or 0x81-form length. */
export function templateBody(bytes: Uint8Array): Uint8Array {
  return bytes[1] === 0x81 ? bytes.slice(3, 3 + bytes[2]!) : bytes.slice(2, 2 + bytes[1]!);
}

export async function select(send: Send): Promise<Uint8Array> {
  return send(
    concatBytes(
      Uint8Array.of(0x00, 0xa4, 0x04, 0x00, KEYCARD_AID.length),
      KEYCARD_AID,
      Uint8Array.of(0),
    ),
  );
}

/** The card's secure-channel key from a SELECT answer (pre-initialised or full template). */
export function cardKeyOf(selectResponse: Uint8Array): Uint8Array {
  const data = dataOf(selectResponse);
  const tlvs = data[0] === 0xa4 ? templateBody(data) : data;
  return findTag(tlvs, 0x80)!;
}

function pad(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + 16 - (data.length % 16));
  out.set(data);
  out[data.length] = 0x80;
  return out;
}

function unpad(data: Uint8Array): Uint8Array {
  const end = data.lastIndexOf(0x80);
  if (end < 0 || data.subarray(end + 1).some((b) => b !== 0)) throw new Error('bad padding');
  return data.slice(0, end);
}

function mac(key: Uint8Array, data: Uint8Array): Uint8Array {
  return cbc(key, new Uint8Array(16), { disablePadding: true }).encrypt(data).slice(-16);
}

function ecdh(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  return secp256k1.getSharedSecret(privateKey, publicKey, true).slice(1);
}

/** INIT's data field for `payload` (PIN ‖ PUK ‖ pairing secret [‖ limits [‖ duress]]). */
export function initData(cardKey: Uint8Array, payload: Uint8Array): Uint8Array {
  const clientKey = secp256k1.utils.randomSecretKey();
  const iv = randomBytes(16);
  const ciphertext = cbc(ecdh(clientKey, cardKey), iv, { disablePadding: true }).encrypt(
    pad(payload),
  );
  return concatBytes(Uint8Array.of(65), secp256k1.getPublicKey(clientKey, false), iv, ciphertext);
}

export interface Pairing {
  index: number;
  key: Uint8Array;
}

/** Both PAIR steps; throws with the status word when the card refuses. */
export async function pair(send: Send, pairingSecret: Uint8Array, p2 = 0): Promise<Pairing> {
  const challenge = randomBytes(32);
  const first = await send(command(0x80, 0x12, 0x00, p2, challenge));
  if (swOf(first) !== 0x9000) throw new Error(`PAIR step 1: ${swOf(first).toString(16)}`);
  const answer = dataOf(first);
  if (hex(answer.subarray(0, 32)) !== hex(sha256(concatBytes(pairingSecret, challenge)))) {
    throw new Error('PAIR: card cryptogram mismatch');
  }
  const second = await send(
    command(0x80, 0x12, 0x01, 0x00, sha256(concatBytes(pairingSecret, answer.subarray(32)))),
  );
  if (swOf(second) !== 0x9000) throw new Error(`PAIR step 2: ${swOf(second).toString(16)}`);
  const result = dataOf(second);
  return { index: result[0]!, key: sha256(concatBytes(pairingSecret, result.subarray(1))) };
}

export interface Reply {
  sw: number;
  data: Uint8Array;
}

/** An open secure channel: wraps commands, checks and unwraps answers. */
export class Session {
  constructor(
    private readonly send: Send,
    private readonly encKey: Uint8Array,
    private readonly macKey: Uint8Array,
    private iv: Uint8Array,
  ) {}

  /** The current IV: the last MAC this side sent or received. */
  get chainingValue(): Uint8Array {
    return this.iv.slice();
  }

  /** OPEN SECURE CHANNEL + MUTUALLY AUTHENTICATE with a fresh client key. */
  static async open(send: Send, cardKey: Uint8Array, pairing: Pairing): Promise<Session> {
    const session = await Session.openUnauthenticated(send, cardKey, pairing);
    const reply = await session.command(0x11, 0, 0, randomBytes(32));
    if (reply.sw !== 0x9000 || reply.data.length !== 32) {
      throw new Error(`MUTUALLY AUTHENTICATE: ${reply.sw.toString(16)}`);
    }
    return session;
  }

  /** OPEN SECURE CHANNEL only: session keys agreed, MUTUALLY AUTHENTICATE still to come. */
  static async openUnauthenticated(
    send: Send,
    cardKey: Uint8Array,
    pairing: Pairing,
  ): Promise<Session> {
    const clientKey = secp256k1.utils.randomSecretKey();
    const opened = await send(
      command(0x80, 0x10, pairing.index, 0x00, secp256k1.getPublicKey(clientKey, false)),
    );
    if (swOf(opened) !== 0x9000) throw new Error(`OPEN SC: ${swOf(opened).toString(16)}`);
    const cardData = dataOf(opened);
    const keys = sha512(
      concatBytes(ecdh(clientKey, cardKey), pairing.key, cardData.subarray(0, 32)),
    );
    return new Session(send, keys.slice(0, 32), keys.slice(32), cardData.slice(32));
  }

  /** Wraps one command; returns the inner status word and data, or the outer SW when it is not 9000. */
  async command(
    ins: number,
    p1: number,
    p2: number,
    data: Uint8Array = new Uint8Array(0),
    cla = 0x80,
  ): Promise<Reply> {
    const response = await this.send(this.wrap(cla, ins, p1, p2, data));
    const outer = swOf(response);
    if (outer !== 0x9000) return { sw: outer, data: new Uint8Array(0) };
    return this.unwrap(dataOf(response));
  }

  wrap(cla: number, ins: number, p1: number, p2: number, data: Uint8Array): Uint8Array {
    const ciphertext = cbc(this.encKey, this.iv, { disablePadding: true }).encrypt(pad(data));
    const lc = ciphertext.length + 16;
    if (lc > 255) throw new Error('More than 223 bytes do not fit a wrapped short APDU.');
    const meta = new Uint8Array(16);
    meta.set([cla, ins, p1, p2, lc]);
    const tag = mac(this.macKey, concatBytes(meta, ciphertext));
    this.iv = tag;
    return concatBytes(Uint8Array.of(cla, ins, p1, p2, lc), tag, ciphertext);
  }

  /** Checks and decrypts an answer; `iv` overrides the chaining value the card should have used. */
  unwrap(responseData: Uint8Array, iv: Uint8Array = this.iv): Reply {
    const tag = responseData.subarray(0, 16);
    const ciphertext = responseData.subarray(16);
    const meta = new Uint8Array(16);
    meta[0] = responseData.length;
    if (hex(mac(this.macKey, concatBytes(meta, ciphertext))) !== hex(tag))
      throw new Error('response MAC mismatch');
    const plain = unpad(cbc(this.encKey, iv, { disablePadding: true }).decrypt(ciphertext));
    this.iv = tag.slice();
    return { sw: swOf(plain), data: dataOf(plain) };
  }
}

export interface Connection {
  selected: Uint8Array;
  cardKey: Uint8Array;
  pairing: Pairing;
  session: Session;
}

/** SELECT, PAIR and open a secure channel on an initialised card. */
export async function connect(send: Send, pairingSecret: Uint8Array, p2 = 0): Promise<Connection> {
  const selected = await select(send);
  const cardKey = cardKeyOf(selected);
  const pairing = await pair(send, pairingSecret, p2);
  return { selected, cardKey, pairing, session: await Session.open(send, cardKey, pairing) };
}
