// The card's half of secure channel v1 (SecureChannel.java, 3.1 and 3.2): pairing slots,
// PAIR, OPEN SECURE CHANNEL, MUTUALLY AUTHENTICATE, unwrapping commands and wrapping
// responses. State lives where the applet keeps it: pairing slots, the pending-pairing slot
// and the "mutually authenticated" flag persist; the session keys, the 64-byte `secret`
// scratch (pairing challenge, then IV and MAC padding) and the 3.2 ephemeral pairing are
// CLEAR_ON_DESELECT.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { equalBytes } from '@noble/curves/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes } from '@noble/hashes/utils.js';
import {
  CryptoException,
  IsoException,
  OFFSET_CDATA,
  OutOfBounds,
  SW,
  isoError,
  withStatus,
  type ApduBuffer,
} from './apdu-buffer';
import {
  BLOCK,
  aesCbcDecrypt,
  aesCbcEncrypt,
  cbcMac,
  deriveSessionKeys,
  ecdhX,
  m2Pad,
  m2Unpad,
  type SessionKeys,
} from './secure-messaging';

const SECRET_LENGTH = 32;
const PAIRING_KEY_LENGTH = SECRET_LENGTH + 1;
const EPHEMERAL_INDEX = 0xff;
const PAIR_P1_FIRST_STEP = 0x00;
const PAIR_P1_LAST_STEP = 0x01;
const PAIR_P2_EPHEMERAL = 0x01;
const PAIR_P2_PERSISTENT = 0x02;

export interface SecureChannelOptions {
  slots: number;
  /** 3.2: PAIR P2 any/ephemeral/persistent and the ephemeral index 0xFF. */
  ephemeralPairing: boolean;
}

/**
 * Decrypts a wrapped command in place (SecureChannel.preprocessAPDU). `secret[0..16)` is the
 * IV and becomes the command MAC; `secret[16..27)` pads the MAC's header block, exactly as
 * on the card. A MAC failure throws 6982 and leaves the IV untouched; the caller resets the
 * channel. Returns the plaintext length.
 */
export function unwrapCommand(keys: SessionKeys, secret: Uint8Array, buffer: ApduBuffer): number {
  const length = buffer.lc;
  // A real card runs its MAC over whatever arrives; anything that is not MAC ‖ whole blocks
  // (e.g. a plain command sent on an open channel) can never verify, so it is a MAC failure.
  if (length < 2 * BLOCK || length % BLOCK !== 0) isoError(SW.SECURITY_STATUS_NOT_SATISFIED);
  const mac = buffer.read(OFFSET_CDATA, BLOCK);
  const ciphertext = buffer.read(OFFSET_CDATA + BLOCK, length - BLOCK);
  const meta = concatBytes(buffer.header(), Uint8Array.of(length), secret.subarray(16, 27));
  if (!equalBytes(cbcMac(keys.macKey, concatBytes(meta, ciphertext)), mac)) {
    isoError(SW.SECURITY_STATUS_NOT_SATISFIED);
  }
  const padded = aesCbcDecrypt(keys.encKey, secret.slice(0, BLOCK), ciphertext);
  secret.set(mac, 0);
  const plaintext = m2Unpad(padded);
  if (!plaintext) throw new CryptoException(CryptoException.ILLEGAL_VALUE);
  buffer.replaceData(plaintext);
  return plaintext.length;
}

/** Encrypts `data ‖ sw` and MACs it (SecureChannel.respond); the R-APDU is MAC ‖ C ‖ 9000. */
export function wrapResponse(
  keys: SessionKeys,
  secret: Uint8Array,
  data: Uint8Array,
  sw: number,
): Uint8Array {
  const ciphertext = aesCbcEncrypt(
    keys.encKey,
    secret.slice(0, BLOCK),
    m2Pad(withStatus(data, sw)),
  );
  const meta = concatBytes(
    Uint8Array.of((ciphertext.length + BLOCK) & 0xff),
    secret.subarray(16, 31),
  );
  const mac = cbcMac(keys.macKey, concatBytes(meta, ciphertext));
  secret.set(mac, 0);
  return withStatus(concatBytes(mac, ciphertext));
}

export class CardSecureChannel {
  private privateKey: Uint8Array;
  private publicKeyBytes: Uint8Array;
  private readonly pairingSecret = new Uint8Array(SECRET_LENGTH);
  private readonly pairingKeys: (Uint8Array | undefined)[];
  private ephemeralPairingKey: Uint8Array | undefined;
  private preassigned: number | undefined;
  private remaining: number;
  private mutuallyAuthenticated = false;
  private encKey: Uint8Array | undefined;
  private macKey: Uint8Array | undefined;
  private readonly secret = new Uint8Array(2 * SECRET_LENGTH);

  constructor(private readonly options: SecureChannelOptions) {
    this.pairingKeys = new Array<Uint8Array | undefined>(options.slots).fill(undefined);
    this.remaining = options.slots;
    this.privateKey = secp256k1.utils.randomSecretKey();
    this.publicKeyBytes = secp256k1.getPublicKey(this.privateKey, false);
  }

  /** The card's static ECDH key, 65 bytes uncompressed. */
  get publicKey(): Uint8Array {
    return this.publicKeyBytes.slice();
  }

  get remainingSlots(): number {
    return this.remaining;
  }

  isOpen(): boolean {
    return this.encKey !== undefined && this.macKey !== undefined && this.mutuallyAuthenticated;
  }

  /** INIT: stores the pairing secret and regenerates the ECDH key, so clients must SELECT again. */
  initSecureChannel(pairingSecret: Uint8Array): void {
    this.pairingSecret.set(pairingSecret);
    this.privateKey.fill(0);
    this.privateKey = secp256k1.utils.randomSecretKey();
    this.publicKeyBytes = secp256k1.getPublicKey(this.privateKey, false);
  }

  updatePairingSecret(pairingSecret: Uint8Array): void {
    this.pairingSecret.set(pairingSecret);
  }

  /**
   * INIT's one-shot decryption: `41 ‖ clientPub ‖ IV ‖ C` with the raw ECDH X as AES key.
   * Writes the plaintext into the buffer and returns it.
   */
  oneShotDecrypt(buffer: ApduBuffer): Uint8Array {
    const publicKeyLength = buffer.s8(OFFSET_CDATA);
    let shared: Uint8Array;
    try {
      shared = ecdhX(this.privateKey, buffer.read(OFFSET_CDATA + 1, publicKeyLength));
    } catch {
      isoError(SW.WRONG_DATA);
    }
    this.secret.set(shared, 0);
    this.encKey = shared;
    const ivOffset = OFFSET_CDATA + 1 + publicKeyLength;
    const ciphertextOffset = ivOffset + BLOCK;
    const ciphertextLength = buffer.lc - ciphertextOffset + OFFSET_CDATA;
    if (ciphertextLength < 0) throw new OutOfBounds(ciphertextOffset);
    if (ciphertextLength % BLOCK !== 0) throw new CryptoException(CryptoException.ILLEGAL_USE);
    const padded = aesCbcDecrypt(
      shared,
      buffer.read(ivOffset, BLOCK),
      buffer.read(ciphertextOffset, ciphertextLength),
    );
    const plaintext = m2Unpad(padded);
    if (!plaintext) throw new CryptoException(CryptoException.ILLEGAL_VALUE);
    buffer.replaceData(plaintext);
    return plaintext;
  }

  /** OPEN SECURE CHANNEL: answers salt ‖ IV in plain. */
  openSecureChannel(buffer: ApduBuffer): Uint8Array {
    this.preassigned = undefined;
    this.mutuallyAuthenticated = false;
    const pairingKey = this.pairingKeyFor(buffer.p1);
    if (!pairingKey) isoError(SW.INCORRECT_P1P2);
    let shared: Uint8Array;
    try {
      shared = ecdhX(this.privateKey, buffer.read(OFFSET_CDATA, buffer.s8(4)));
    } catch {
      isoError(SW.WRONG_DATA);
    }
    const cardData = randomBytes(SECRET_LENGTH + BLOCK);
    const keys = deriveSessionKeys(shared, pairingKey, cardData.subarray(0, SECRET_LENGTH));
    this.encKey = keys.encKey;
    this.macKey = keys.macKey;
    this.secret.fill(0);
    this.secret.set(cardData.subarray(SECRET_LENGTH), 0);
    return withStatus(cardData);
  }

  /** Returns the card's 32 random bytes; the applet wraps them like any answer. */
  mutuallyAuthenticate(buffer: ApduBuffer): Uint8Array {
    if (!this.encKey) isoError(SW.CONDITIONS_NOT_SATISFIED);
    const wasAuthenticated = this.mutuallyAuthenticated;
    this.mutuallyAuthenticated = true;
    const length = this.preprocess(buffer);
    if (wasAuthenticated) isoError(SW.CONDITIONS_NOT_SATISFIED);
    if (length !== SECRET_LENGTH) {
      this.reset();
      isoError(SW.SECURITY_STATUS_NOT_SATISFIED);
    }
    return randomBytes(SECRET_LENGTH);
  }

  pair(buffer: ApduBuffer): Uint8Array {
    if (this.isOpen()) isoError(SW.CONDITIONS_NOT_SATISFIED);
    if (buffer.s8(4) !== SECRET_LENGTH) isoError(SW.WRONG_DATA);
    if (buffer.p1 === PAIR_P1_FIRST_STEP) return withStatus(this.pairStep1(buffer));
    if (buffer.p1 === PAIR_P1_LAST_STEP && this.preassigned !== undefined) {
      return withStatus(this.pairStep2(buffer));
    }
    isoError(SW.INCORRECT_P1P2);
  }

  /** UNPAIR after the applet has unwrapped the command and checked the PIN. */
  unpair(buffer: ApduBuffer): void {
    if (this.options.ephemeralPairing && buffer.p1 === EPHEMERAL_INDEX) {
      this.ephemeralPairingKey = undefined;
      return;
    }
    const slot = this.slotIndex(buffer.s8(2));
    const key = this.pairingKeys[slot];
    if (key) {
      key.fill(0);
      this.pairingKeys[slot] = undefined;
      this.remaining += 1;
    }
  }

  /** Unwraps a command; on a MAC failure the channel is reset and 6982 thrown. */
  preprocess(buffer: ApduBuffer): number {
    const keys = this.sessionKeys();
    if (!this.isOpen() || !keys) isoError(SW.CONDITIONS_NOT_SATISFIED);
    try {
      return unwrapCommand(keys, this.secret, buffer);
    } catch (error) {
      if (error instanceof IsoException && error.sw === SW.SECURITY_STATUS_NOT_SATISFIED)
        this.reset();
      throw error;
    }
  }

  respond(data: Uint8Array, sw: number): Uint8Array {
    const keys = this.sessionKeys();
    if (!keys) throw new CryptoException(CryptoException.ILLEGAL_USE);
    return wrapResponse(keys, this.secret, data, sw);
  }

  /** Ends the session (MAC failure, SELECT); pairings survive. */
  reset(): void {
    this.encKey?.fill(0);
    this.macKey?.fill(0);
    this.encKey = undefined;
    this.macKey = undefined;
    this.mutuallyAuthenticated = false;
  }

  /** Deselection or power loss: everything CLEAR_ON_DESELECT is gone. */
  clearTransient(): void {
    this.encKey?.fill(0);
    this.macKey?.fill(0);
    this.encKey = undefined;
    this.macKey = undefined;
    this.secret.fill(0);
    this.ephemeralPairingKey?.fill(0);
    this.ephemeralPairingKey = undefined;
  }

  private sessionKeys(): SessionKeys | undefined {
    return this.encKey && this.macKey ? { encKey: this.encKey, macKey: this.macKey } : undefined;
  }

  private pairingKeyFor(p1: number): Uint8Array | undefined {
    if (this.options.ephemeralPairing && p1 === EPHEMERAL_INDEX) return this.ephemeralPairingKey;
    return this.pairingKeys[this.slotIndex((p1 << 24) >> 24)];
  }

  /** checkPairingIndexAndGetOffset: a Java byte times 33, so 0x80..0xFF index below zero. */
  private slotIndex(signedIndex: number): number {
    const offset = signedIndex * PAIRING_KEY_LENGTH;
    if (offset >= this.pairingKeys.length * PAIRING_KEY_LENGTH) isoError(SW.INCORRECT_P1P2);
    if (offset < 0) throw new OutOfBounds(offset);
    return signedIndex;
  }

  private pairStep1(buffer: ApduBuffer): Uint8Array {
    const wantsEphemeral = this.options.ephemeralPairing && buffer.p2 === PAIR_P2_EPHEMERAL;
    const free = this.pairingKeys.findIndex((key) => key === undefined);
    this.preassigned = wantsEphemeral ? EPHEMERAL_INDEX : free === -1 ? undefined : free;
    if (this.preassigned === undefined) {
      if (!this.options.ephemeralPairing || buffer.p2 === PAIR_P2_PERSISTENT) {
        isoError(SW.FILE_FULL);
      }
      this.preassigned = EPHEMERAL_INDEX;
    }
    const cryptogram = sha256(
      concatBytes(this.pairingSecret, buffer.read(OFFSET_CDATA, SECRET_LENGTH)),
    );
    const challenge = randomBytes(SECRET_LENGTH);
    this.secret.set(challenge, 0);
    return concatBytes(cryptogram, challenge);
  }

  private pairStep2(buffer: ApduBuffer): Uint8Array {
    const expected = sha256(
      concatBytes(this.pairingSecret, this.secret.subarray(0, SECRET_LENGTH)),
    );
    this.secret.set(expected, 0);
    if (!equalBytes(buffer.read(OFFSET_CDATA, SECRET_LENGTH), expected)) {
      this.preassigned = undefined;
      isoError(SW.SECURITY_STATUS_NOT_SATISFIED);
    }
    const salt = randomBytes(SECRET_LENGTH);
    const pairingKey = sha256(concatBytes(this.pairingSecret, salt));
    const index = this.preassigned ?? EPHEMERAL_INDEX;
    if (index === EPHEMERAL_INDEX) {
      this.ephemeralPairingKey = pairingKey;
    } else {
      this.pairingKeys[index] = pairingKey;
      this.remaining -= 1;
    }
    this.preassigned = undefined;
    return concatBytes(Uint8Array.of(index), salt);
  }
}
