// The PKI personalisation both applets share: the device certificate store (chunked
// import and export, exactly as the applets bound-check them) and the challenge-response
// that proves the card holds the certified key. The PIN and lock checks in front of each
// command differ between the applets and stay in the applet files.
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { signDer, signHashDer, type EcKeyPair } from './ec-keys';
import { ISO_SW, OFFSET, arrayCopy, isoError, s16, type ApduBuffer } from './javacard';
import { OP, SW } from './status-words';

const CHALLENGE = utf8ToBytes('Challenge:');
const CHALLENGE_SIZE = 32;

/** authentikey_certificate and authentikey_certificate_size. */
export class CertificateStore {
  private array: Uint8Array | undefined;
  private size = 0;

  /** Factory personalisation done outside the APDU path (the simulator's own perso station). */
  static holding(certificate: Uint8Array | undefined): CertificateStore {
    const store = new CertificateStore();
    if (certificate) {
      store.array = certificate.slice();
      store.size = certificate.length;
    }
    return store;
  }

  get certificate(): Uint8Array {
    return (this.array ?? new Uint8Array(0)).slice(0, this.size);
  }

  /** INS 0x92 past the applet's guards. */
  importChunk(buffer: ApduBuffer): number {
    let bytesLeft = buffer.lc;
    let offset = OFFSET.CDATA;
    switch (buffer.s8(OFFSET.P2)) {
      case OP.INIT: {
        if (bytesLeft < 2) isoError(ISO_SW.WRONG_LENGTH);
        const newSize = buffer.getShort(offset);
        if (newSize < 0) isoError(ISO_SW.WRONG_LENGTH);
        if (!this.array) {
          this.array = new Uint8Array(newSize);
          this.size = newSize;
        } else {
          if (newSize > this.array.length) isoError(ISO_SW.WRONG_LENGTH);
          this.size = newSize;
        }
        return 0;
      }
      case OP.PROCESS: {
        if (bytesLeft < 4) isoError(ISO_SW.WRONG_LENGTH);
        const chunkOffset = buffer.getShort(offset);
        offset += 2;
        const chunkSize = buffer.getShort(offset);
        offset += 2;
        bytesLeft -= 4;
        if (bytesLeft < chunkSize) isoError(ISO_SW.WRONG_LENGTH);
        if (chunkOffset < 0 || chunkOffset >= this.size) isoError(ISO_SW.WRONG_LENGTH);
        if (s16(chunkOffset + chunkSize) > this.size) isoError(ISO_SW.WRONG_LENGTH);
        arrayCopy(buffer.bytes, offset, this.array!, chunkOffset, chunkSize);
        return 0;
      }
      default:
        return isoError(SW.INCORRECT_P2);
    }
  }

  /** INS 0x93 past the applet's guards. */
  exportChunk(buffer: ApduBuffer): number {
    switch (buffer.s8(OFFSET.P2)) {
      case OP.INIT:
        buffer.setShort(0, this.size);
        return 2;
      case OP.PROCESS: {
        if (buffer.lc < 4) isoError(ISO_SW.WRONG_LENGTH);
        const chunkOffset = buffer.getShort(OFFSET.CDATA);
        const chunkSize = buffer.getShort(OFFSET.CDATA + 2);
        if (chunkOffset < 0 || chunkOffset >= this.size) isoError(ISO_SW.WRONG_LENGTH);
        if (s16(chunkOffset + chunkSize) > this.size) isoError(ISO_SW.WRONG_LENGTH);
        arrayCopy(this.array!, chunkOffset, buffer.bytes, 0, chunkSize);
        return chunkSize;
      }
      default:
        return isoError(SW.INCORRECT_P2);
    }
  }
}

/** INS 0x94 past the guards: the authentikey signs the CSR hash as given. */
export function signCsr(buffer: ApduBuffer, authentikey: EcKeyPair): number {
  if (buffer.lc < 32) isoError(ISO_SW.WRONG_LENGTH);
  const signature = signHashDer(buffer.read(OFFSET.CDATA, 32), authentikey.privateKey);
  buffer.write(0, signature);
  return signature.length;
}

/**
 * INS 0x9A past the guards: signs "Challenge:" ‖ card nonce ‖ host challenge and answers
 * [card nonce(32) | sig_size(2) | sig], verifying its own signature first.
 */
export function challengeResponse(buffer: ApduBuffer, authentikey: EcKeyPair): number {
  if (buffer.lc < CHALLENGE_SIZE) isoError(ISO_SW.WRONG_LENGTH);
  const nonce = randomBytes(CHALLENGE_SIZE);
  const message = new Uint8Array(CHALLENGE.length + 2 * CHALLENGE_SIZE);
  message.set(CHALLENGE, 0);
  message.set(nonce, CHALLENGE.length);
  message.set(buffer.read(OFFSET.CDATA, CHALLENGE_SIZE), CHALLENGE.length + CHALLENGE_SIZE);
  const signature = signDer(message, authentikey.privateKey);
  buffer.write(CHALLENGE_SIZE + 2, signature);
  buffer.setShort(CHALLENGE_SIZE, signature.length);
  buffer.write(0, nonce);
  const valid = secp256k1.verify(signature, sha256(message), authentikey.publicKey, {
    prehash: false,
    format: 'der',
    lowS: false,
  });
  if (!valid) isoError(SW.SIGNATURE_INVALID);
  return CHALLENGE_SIZE + 2 + signature.length;
}
