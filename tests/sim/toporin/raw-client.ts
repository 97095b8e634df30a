// Test-only host side of the Toporin protocol for the simulators' own tests, written from
// the Python client's point of view (pysatochip CardConnector.py / SecureChannel.py):
// hand-built APDUs and the secure channel. It shares no code with the simulators (its
// crypto is written again here), so a mistake on one side cannot hide behind the same
// mistake on the other. The real drivers live in main/cards/satochip and seedkeeper.
import { cbc } from '@noble/ciphers/aes.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, hexToBytes, randomBytes } from '@noble/hashes/utils.js';

/** card.transmit, or a CardChannel's transmit over pcscd. */
export type Send = (apdu: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export const SATOCHIP = hexToBytes('5361746f4368697000');
export const SEEDKEEPER = hexToBytes('536565644b656570657200');
export const KEYCARD = hexToBytes('a00000080400010101');
export const CLA = 0xb0;

export function apdu(
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

/** A CardEdge command (CLA B0). */
export function cmd(ins: number, p1 = 0, p2 = 0, data?: Uint8Array): Uint8Array {
  return apdu(CLA, ins, p1, p2, data);
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

export function u16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

export function select(send: Send, aid: Uint8Array): Uint8Array | Promise<Uint8Array> {
  return send(apdu(0x00, 0xa4, 0x04, 0x00, aid));
}

export interface Status {
  protocol: [number, number];
  applet: [number, number];
  pinTries: number;
  pukTries: number;
  needs2FA: boolean;
  seeded: boolean;
  setupDone: boolean;
  needsSecureChannel: boolean;
}

/** card_get_status: GET STATUS is always sent in plain. */
export async function getStatus(send: Send): Promise<Status> {
  const response = await send(cmd(0x3c));
  if (swOf(response) !== 0x9000) throw new Error(`GET STATUS: ${swOf(response).toString(16)}`);
  return parseStatus(dataOf(response));
}

export function parseStatus(r: Uint8Array): Status {
  return {
    protocol: [r[0]!, r[1]!],
    applet: [r[2]!, r[3]!],
    pinTries: r[4]!,
    pukTries: r[5]!,
    needs2FA: r[8] === 1,
    seeded: r[9] === 1,
    setupDone: r[10] === 1,
    needsSecureChannel: r[11] === 1,
  };
}

/** Verifies a DER ECDSA-SHA256 signature (S as the card made it). */
export function verifies(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  try {
    return secp256k1.verify(signature, sha256(message), publicKey, {
      prehash: false,
      format: 'der',
      lowS: false,
    });
  } catch {
    return false;
  }
}

/**
 * The public key behind `[00 20 | x(32) | sig size | sig]`: the parity whose key
 * verifies the signature over the first 34 bytes (what pysatochip's parser does).
 */
export function recoverSignedX(response: Uint8Array, offset = 0): Uint8Array {
  const coordSize = u16(response, offset);
  if (coordSize !== 32) throw new Error(`coordx size ${coordSize}`);
  const x = response.slice(offset + 2, offset + 34);
  const signature = response.slice(offset + 36, offset + 36 + u16(response, offset + 34));
  const message = response.slice(offset, offset + 34);
  for (const prefix of [0x02, 0x03]) {
    const candidate = concatBytes(Uint8Array.of(prefix), x);
    if (verifies(signature, message, candidate)) return candidate;
  }
  throw new Error('no public key verifies the self-signed x-coordinate');
}

export interface ExtendedKey {
  chainCode: Uint8Array;
  /** Compressed. */
  publicKey: Uint8Array;
  /** The authentikey's signature over everything before it. */
  authentikeySignature: Uint8Array;
  signedByAuthentikey: Uint8Array;
}

/**
 * BIP32 GET EXTENDED KEY's answer, [chain code | 00 20 | x | size | sig | size | sig2]:
 * the key is the parity whose point verifies sig over chain code ‖ 00 20 ‖ x.
 */
export function parseExtendedKey(data: Uint8Array): ExtendedKey {
  const x = data.slice(34, 66);
  const selfSignature = data.slice(68, 68 + u16(data, 66));
  const signedLength = 68 + selfSignature.length;
  const publicKey = [0x02, 0x03]
    .map((prefix) => concatBytes(Uint8Array.of(prefix), x))
    .find((candidate) => verifies(selfSignature, data.slice(0, 66), candidate));
  if (!publicKey || u16(data, 32) !== 32) throw new Error('extended key does not verify');
  return {
    chainCode: data.slice(0, 32),
    publicKey,
    authentikeySignature: data.slice(signedLength + 2, signedLength + 2 + u16(data, signedLength)),
    signedByAuthentikey: data.slice(0, signedLength),
  };
}

export interface Reply {
  sw: number;
  data: Uint8Array;
}

/** pysatochip's SecureChannel: AES-128-CBC with an odd IV counter, HMAC-SHA1 over the command. */
export class Channel {
  private counter = 1;

  private constructor(
    private readonly send: Send,
    private readonly key: Uint8Array,
    private readonly macKey: Uint8Array,
    /** The two keys that the INIT answer's authentikey signature recovers to (compressed). */
    readonly authentikeyCandidates: Uint8Array[],
    /** The whole INIT SECURE CHANNEL answer. */
    readonly initAnswer: Uint8Array,
  ) {}

  static async open(send: Send): Promise<Channel> {
    const clientKey = secp256k1.utils.randomSecretKey();
    const response = await send(cmd(0x81, 0, 0, secp256k1.getPublicKey(clientKey, false)));
    if (swOf(response) !== 0x9000) throw new Error(`INIT SC: ${swOf(response).toString(16)}`);
    const data = dataOf(response);
    const cardKey = recoverSignedX(data);
    const signedLength = 36 + u16(data, 34);
    const bySigner = data.slice(signedLength + 2, signedLength + 2 + u16(data, signedLength));
    const candidates = candidatesFor(bySigner, data.slice(0, signedLength));
    if (candidates.length === 0) throw new Error('INIT SC: no authentikey signature');
    const shared = secp256k1.getSharedSecret(clientKey, cardKey, true).slice(1);
    return new Channel(
      send,
      hmac(sha1, shared, ascii('sc_key')).slice(0, 16),
      hmac(sha1, shared, ascii('sc_mac')),
      candidates,
      data,
    );
  }

  /** The IV pysatochip would use next: 12 random bytes and the odd counter. */
  nextIv(): Uint8Array {
    const iv = concatBytes(randomBytes(12), new Uint8Array(4));
    new DataView(iv.buffer).setUint32(12, this.counter);
    this.counter += 2;
    return iv;
  }

  /** card_encrypt_secure_channel; `iv` and `mac` can be overridden to test the card's checks. */
  wrap(plain: Uint8Array, options: { iv?: Uint8Array; mac?: Uint8Array } = {}): Uint8Array {
    const iv = options.iv ?? this.nextIv();
    return this.wrapCiphertext(iv, cbc(this.key, iv).encrypt(plain), options.mac);
  }

  /** PROCESS SECURE CHANNEL around any ciphertext, with a valid MAC unless one is given. */
  wrapCiphertext(iv: Uint8Array, ciphertext: Uint8Array, mac?: Uint8Array): Uint8Array {
    const size = Uint8Array.of(ciphertext.length >> 8, ciphertext.length & 0xff);
    const tag = mac ?? hmac(sha1, this.macKey, concatBytes(iv, size, ciphertext));
    return cmd(0x82, 0, 0, concatBytes(iv, size, ciphertext, Uint8Array.of(0, tag.length), tag));
  }

  /** card_decrypt_secure_channel. */
  unwrap(data: Uint8Array): Uint8Array {
    if (data.length === 0) return data;
    const iv = data.slice(0, 16);
    const size = u16(data, 16);
    const ciphertext = data.slice(18);
    if (ciphertext.length !== size) throw new Error('ciphertext has wrong length');
    return cbc(this.key, iv).decrypt(ciphertext);
  }

  /** Sends one command through the channel; data of a 9000 answer is decrypted. */
  async command(plain: Uint8Array): Promise<Reply> {
    const response = await this.send(this.wrap(plain));
    const sw = swOf(response);
    const data = dataOf(response);
    return { sw, data: sw === 0x9000 ? this.unwrap(data) : data };
  }
}

function candidatesFor(signature: Uint8Array, message: Uint8Array): Uint8Array[] {
  const sig = secp256k1.Signature.fromBytes(signature, 'der');
  const found: Uint8Array[] = [];
  for (const bit of [0, 1]) {
    try {
      const key = sig.addRecoveryBit(bit).recoverPublicKey(sha256(message)).toBytes(true);
      if (verifies(signature, message, key)) found.push(key);
    } catch {
      // This recovery bit gives no point.
    }
  }
  return found;
}

/** card_setup's data: default PIN, PIN 0/PUK 0 with their tries, PIN 1/PUK 1, secmem size, ACLs. */
export function setupData(options: {
  pin: Uint8Array;
  puk: Uint8Array;
  pinTries?: number;
  pukTries?: number;
  defaultPin?: Uint8Array;
  secmemSize?: number;
}): Uint8Array {
  const defaultPin = options.defaultPin ?? ascii('Muscle00');
  const secmem = options.secmemSize ?? 32;
  return concatBytes(
    Uint8Array.of(defaultPin.length),
    defaultPin,
    Uint8Array.of(options.pinTries ?? 5, options.pukTries ?? 1, options.pin.length),
    options.pin,
    Uint8Array.of(options.puk.length),
    options.puk,
    Uint8Array.of(1, 1, 16),
    randomBytes(16),
    Uint8Array.of(16),
    randomBytes(16),
    Uint8Array.of(secmem >> 8, secmem & 0xff, 0, 0, 1, 1, 1),
  );
}

/** SELECT, GET STATUS, INIT SECURE CHANNEL: a card ready for wrapped commands. */
export async function connect(send: Send, aid: Uint8Array): Promise<Channel> {
  const selected = await select(send, aid);
  if (swOf(selected) !== 0x9000) throw new Error(`SELECT: ${swOf(selected).toString(16)}`);
  await getStatus(send);
  return Channel.open(send);
}
