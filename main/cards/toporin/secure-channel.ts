// The Toporin secure channel as pysatochip's SecureChannel.py runs it. OPEN (INS 0x81)
// sends a fresh secp256k1 key; both sides take the x coordinate of the ECDH point and
// derive an AES-128 key (HMAC-SHA1(x, "sc_key"), first 16 bytes) and a MAC key
// (HMAC-SHA1(x, "sc_mac")). Every other command travels inside INS 0x82 as
// `IV(16) | size(2) | AES-CBC(PKCS#7(apdu)) | mac_size(2) | HMAC-SHA1(IV | size | ct)`;
// the IV is 12 random bytes and a 4-byte counter that starts at 1 and grows by 2, so it
// stays odd and strictly increasing as the card demands. Answers come back as
// `IV(16) | size(2) | ct` without a MAC, or empty when the command returns nothing.
import { cbc } from '@noble/ciphers/aes.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { concatBytes, randomBytes } from '@noble/hashes/utils.js';
import { LifeboatError } from '../../errors';
import { wipe } from '../secret-input';
import { CLA_TOPORIN, INS } from './apdu';
import { ByteReader } from './reader';
import { keyFromSignedX, readSignedKey, verifySignature } from './signed-key';

const IV_RANDOM = 12;
const IV_SIZE = 16;
const MAC_SIZE = 20;

export interface ChannelKeys {
  encryptionKey: Uint8Array;
  macKey: Uint8Array;
}

const label = (text: string) => new TextEncoder().encode(text);

export function deriveChannelKeys(sharedX: Uint8Array): ChannelKeys {
  return {
    encryptionKey: hmac(sha1, sharedX, label('sc_key')).slice(0, 16),
    macKey: hmac(sha1, sharedX, label('sc_mac')),
  };
}

/** The x coordinate of the ECDH point between our key and the card's. */
export function sharedX(privateKey: Uint8Array, cardPublicKey: Uint8Array): Uint8Array {
  const point = secp256k1.getSharedSecret(privateKey, cardPublicKey, true);
  const x = point.slice(1);
  wipe(point);
  return x;
}

export interface ChannelOpening {
  /** The card's ephemeral key for this channel (uncompressed). */
  cardKey: Uint8Array;
  /** The authentikey's signature over the answer up to it, when the card sent one. */
  authentikeyProof?: { message: Uint8Array; signature: Uint8Array };
  /** The authentikey itself, when the card also sent its x coordinate (the Seedkeeper does). */
  authentikey?: Uint8Array;
}

/**
 * Parses the OPEN SECURE CHANNEL answer `[x | self-sig | (sig by authentikey) |
 * (authentikey x)]`; the Satochip stops after the second signature.
 */
export function parseChannelOpening(answer: Uint8Array): ChannelOpening {
  const reader = new ByteReader(answer, 'secure channel answer');
  const { publicKey, end } = readSignedKey(reader, 0, 'secure channel answer');
  if (reader.remaining === 0) return { cardKey: publicKey };
  const signature = reader.field16();
  if (signature.length === 0) {
    reader.end();
    return { cardKey: publicKey };
  }
  const authentikeyProof = { message: answer.subarray(0, end), signature };
  if (reader.remaining === 0) return { cardKey: publicKey, authentikeyProof };
  const authentikeyX = reader.field16();
  reader.end();
  return {
    cardKey: publicKey,
    authentikeyProof,
    authentikey: keyFromSignedX(
      authentikeyX,
      authentikeyProof.message,
      signature,
      'secure channel answer',
    ),
  };
}

/** Whether the channel's card key was signed by `authentikey`; true when no proof was sent. */
export function openingSignedBy(opening: ChannelOpening, authentikey: Uint8Array): boolean {
  const proof = opening.authentikeyProof;
  return proof === undefined || verifySignature(authentikey, proof.message, proof.signature);
}

export class ToporinSecureChannel {
  private counter = 1;
  private keys: ChannelKeys | undefined;

  constructor(
    keys: ChannelKeys,
    private readonly random: (length: number) => Uint8Array = randomBytes,
  ) {
    this.keys = { encryptionKey: keys.encryptionKey.slice(), macKey: keys.macKey.slice() };
  }

  /** The INS 0x82 command carrying `apdu` (a complete plain command APDU). */
  wrap(apdu: Uint8Array): Uint8Array {
    const keys = this.live();
    const iv = new Uint8Array(IV_SIZE);
    iv.set(this.random(IV_RANDOM).subarray(0, IV_RANDOM), 0);
    new DataView(iv.buffer).setUint32(IV_RANDOM, this.counter);
    this.counter += 2;
    const ciphertext = cbc(keys.encryptionKey, iv).encrypt(apdu);
    const signed = concatBytes(iv, u16(ciphertext.length), ciphertext);
    const mac = hmac(sha1, keys.macKey, signed);
    const data = concatBytes(signed, u16(MAC_SIZE), mac);
    if (data.length > 255)
      throw new LifeboatError('invalid-request', 'The command is too long for the secure channel.');
    return concatBytes(
      Uint8Array.of(CLA_TOPORIN, INS.processSecureChannel, 0x00, 0x00, data.length),
      data,
    );
  }

  /** The plain answer data inside an encrypted answer. */
  unwrap(answer: Uint8Array): Uint8Array {
    const keys = this.live();
    if (answer.length === 0) return answer;
    const reader = new ByteReader(answer, 'encrypted answer');
    const iv = reader.take(IV_SIZE);
    const ciphertext = reader.field16();
    reader.end();
    if (ciphertext.length === 0 || ciphertext.length % 16 !== 0)
      throw failed('The card’s encrypted answer has an impossible length.');
    try {
      return cbc(keys.encryptionKey, iv).decrypt(ciphertext);
    } catch {
      throw failed('The card’s encrypted answer does not decrypt.');
    }
  }

  destroy(): void {
    if (this.keys) wipe(this.keys.encryptionKey, this.keys.macKey);
    this.keys = undefined;
  }

  private live(): ChannelKeys {
    if (!this.keys) throw new LifeboatError('channel-reset', 'The secure channel is closed.');
    return this.keys;
  }
}

function u16(n: number): Uint8Array {
  return Uint8Array.of(n >> 8, n & 0xff);
}

function failed(message: string): LifeboatError {
  return new LifeboatError('secure-channel-failed', message);
}
