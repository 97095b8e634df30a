// The secure channel both Toporin applets share (InitiateSecureChannel /
// ProcessSecureChannel and the answer encryption at the end of process()):
//
// - INIT (0x81): a fresh ephemeral key, ECDH with the host's key, session key =
//   HMAC-SHA1(x, "sc_key")[0..16], MAC key = HMAC-SHA1(x, "sc_mac"); the answer carries the
//   ephemeral x-coordinate signed by the ephemeral key, then all of that signed by the
//   authentikey (Seedkeeper adds the authentikey's x-coordinate).
// - PROCESS (0x82): [IV(16) | size(2) | AES-128-CBC ciphertext | mac_size(2) | HMAC-SHA1]
//   over IV ‖ size ‖ ciphertext. The IV must be odd and its last 4 bytes (a counter) above
//   the card's; the card then keeps counter + 1 and draws 12 new random bytes, which make
//   the IV of its answer. The plaintext (padding included) lands at offset 0 of the APDU
//   buffer, over the wrapper, and the applet runs it from there.
// - Answers with data are [IV(16) | size(2) | ciphertext] with PKCS#7 padding and no MAC.
import { utf8ToBytes, randomBytes } from '@noble/hashes/utils.js';
import { agreePoint, randomKeyPair, signDer, type EcKeyPair, COORD_SIZE } from './ec-keys';
import { hmacSha160 } from './hmac';
import {
  AesCipher,
  ISO_SW,
  OFFSET,
  arrayFill,
  checkBounds,
  isoError,
  s16,
  uncaught,
  type ApduBuffer,
} from './javacard';
import { SW } from './status-words';

const IV_SIZE = 16;
const IV_RANDOM = 12;
const MAC_SIZE = 20;
const TMP_BUFFER_SIZE = 256;
const SC_KEY = utf8ToBytes('sc_key');
const SC_MAC = utf8ToBytes('sc_mac');

/** Biginteger.lessThan: unsigned big-endian comparison. */
function lessThan(x: Uint8Array, y: Uint8Array): boolean {
  for (let i = 0; i < x.length; i += 1) {
    if (x[i]! < y[i]!) return true;
    if (x[i]! > y[i]!) return false;
  }
  return false;
}

/** Biginteger.add1_carry on a big-endian counter, wrapping at the top. */
function increment(counter: Uint8Array): void {
  for (let i = counter.length - 1; i >= 0; i -= 1) {
    counter[i] = (counter[i]! + 1) & 0xff;
    if (counter[i] !== 0) return;
  }
}

export class SecureChannel {
  /** A persistent field in the applets; select() clears it. */
  initialized = false;
  private sessionKey: Uint8Array | undefined;
  /** sc_buffer, transient (cleared on deselect): the IV of the next answer, then the MAC key. */
  private readonly iv = new Uint8Array(IV_SIZE);
  private readonly macKey = new Uint8Array(MAC_SIZE);
  private readonly cipher = new AesCipher('cbc');

  constructor(private readonly authentikey: () => EcKeyPair) {}

  /** INS 0x81. Seedkeeper appends the authentikey's x-coordinate to the answer. */
  initiate(buffer: ApduBuffer, appendAuthentikeyX: boolean): number {
    if (buffer.lc < 65) isoError(ISO_SW.WRONG_LENGTH);
    if (buffer.s8(OFFSET.CDATA) !== 0x04) isoError(SW.INVALID_PARAMETER);

    const ephemeral = randomKeyPair();
    const shared = agreePoint(ephemeral.privateKey, buffer.read(OFFSET.CDATA, 65));
    const x = shared.slice(1, 1 + COORD_SIZE);
    this.macKey.set(hmacSha160(x, SC_MAC.length, () => SC_MAC));
    this.sessionKey = hmacSha160(x, SC_KEY.length, () => SC_KEY).slice(0, 16);
    this.iv.fill(0);

    buffer.write(1, ephemeral.publicKey);
    buffer.setShort(0, COORD_SIZE);
    const selfSigned = signDer(buffer.read(0, COORD_SIZE + 2), ephemeral.privateKey);
    buffer.setShort(COORD_SIZE + 2, selfSigned.length);
    buffer.write(COORD_SIZE + 4, selfSigned);
    let offset = 2 + COORD_SIZE + 2 + selfSigned.length;
    const authentikey = this.authentikey();
    const bySigner = signDer(buffer.read(0, offset), authentikey.privateKey);
    buffer.setShort(offset, bySigner.length);
    buffer.write(offset + 2, bySigner);
    offset += 2 + bySigner.length;
    if (appendAuthentikeyX) {
      buffer.write(offset + 1, authentikey.publicKey);
      buffer.setShort(offset, COORD_SIZE);
      offset += 2 + COORD_SIZE;
    }
    this.initialized = true;
    return offset;
  }

  /** INS 0x82: checks and decrypts the wrapped command to offset 0; returns its length. */
  unwrap(buffer: ApduBuffer): number {
    let bytesLeft = buffer.lc;
    let offset = OFFSET.CDATA;
    if (!this.initialized) isoError(SW.SECURE_CHANNEL_UNINITIALIZED);
    if (bytesLeft < 18) isoError(ISO_SW.WRONG_LENGTH);
    const sizeIn = buffer.getShort(offset + IV_SIZE);
    if (bytesLeft < s16(IV_SIZE + 2 + sizeIn + 2)) isoError(ISO_SW.WRONG_LENGTH);
    const sizeMac = buffer.getShort(s16(offset + IV_SIZE + 2 + sizeIn));
    if (sizeMac !== MAC_SIZE) isoError(SW.SECURE_CHANNEL_WRONG_MAC);
    if (bytesLeft < s16(IV_SIZE + 2 + sizeIn + 2 + sizeMac)) isoError(ISO_SW.WRONG_LENGTH);
    const macLength = s16(IV_SIZE + 2 + sizeIn);
    const mac = hmacSha160(this.macKey, macLength, () => buffer.read(offset, macLength));
    const sent = buffer.read(s16(offset + IV_SIZE + 2 + sizeIn + 2), MAC_SIZE);
    if (sent.some((byte, i) => byte !== mac[i])) isoError(SW.SECURE_CHANNEL_WRONG_MAC);

    if ((buffer.s8(offset + IV_SIZE - 1) & 0x01) === 0) isoError(SW.SECURE_CHANNEL_WRONG_IV);
    const counter = buffer.read(offset + IV_RANDOM, IV_SIZE - IV_RANDOM);
    if (!lessThan(this.iv.subarray(IV_RANDOM), counter)) isoError(SW.SECURE_CHANNEL_WRONG_IV);
    this.iv.set(counter, IV_RANDOM);
    increment(this.iv.subarray(IV_RANDOM));
    this.iv.set(randomBytes(IV_RANDOM), 0);
    this.cipher.init(this.key(), 'decrypt', buffer.read(offset, IV_SIZE));
    offset += IV_SIZE;
    bytesLeft -= IV_SIZE;

    offset += 2;
    bytesLeft -= 2;
    if (bytesLeft < sizeIn) isoError(ISO_SW.WRONG_LENGTH);
    const plaintext = this.cipher.doFinal(buffer.read(offset, sizeIn));
    buffer.write(0, plaintext);
    return plaintext.length;
  }

  /** The end of process(): `sizeOut` bytes at offset 0 become [IV | size | ciphertext]. */
  wrapAnswer(buffer: ApduBuffer, sizeOut: number): number {
    const padSize = 16 - (sizeOut % 16);
    const tmp = new Uint8Array(TMP_BUFFER_SIZE);
    checkBounds(tmp, 0, sizeOut);
    tmp.set(buffer.read(0, sizeOut), 0);
    arrayFill(tmp, sizeOut, padSize, padSize);
    buffer.write(0, this.iv);
    this.cipher.init(this.key(), 'encrypt', this.iv);
    const ciphertext = this.cipher.doFinal(tmp.subarray(0, sizeOut + padSize));
    buffer.write(IV_SIZE + 2, ciphertext);
    buffer.setShort(IV_SIZE, ciphertext.length);
    return IV_SIZE + 2 + ciphertext.length;
  }

  /** CLEAR_ON_DESELECT memory is gone (deselect or power loss). */
  clearTransient(): void {
    this.iv.fill(0);
    this.macKey.fill(0);
  }

  private key(): Uint8Array {
    return this.sessionKey ?? uncaught('CryptoException UNINITIALIZED_KEY');
  }
}
