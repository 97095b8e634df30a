// The Seedkeeper's secrets (SeedKeeper.java): generating, importing, exporting, listing and
// erasing them, with the applet's multi-APDU lock and audit log. A secret is stored as its
// 13-byte header [type | origin | export rights | plain exports | secure exports | pubkey
// uses | fingerprint(4) | subtype | RFU | label size] and label, then its data, padded
// (PKCS#7) and AES-ECB encrypted under the card's own key. The fingerprint is the first 4
// bytes of SHA-256 of the data as imported (or generated). The data is opaque to the card.
//
// Commands called here have passed the applet's PIN check.
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { agreePoint, signDer, type EcKeyPair } from '../toporin/ec-keys';
import { hmacSha160 } from '../toporin/hmac';
import {
  AesCipher,
  OFFSET,
  arrayCopy,
  arrayFill,
  isoError,
  s16,
  s8,
  slice,
  type ApduBuffer,
} from '../toporin/javacard';
import { OP, SW } from '../toporin/status-words';
import type { AuditLog } from './audit-log';
import { NULL_OFFSET, ObjectManager } from './object-manager';

export const SECRET_INS = {
  GENERATE_MASTERSEED: 0xa0,
  IMPORT_SECRET: 0xa1,
  EXPORT_SECRET: 0xa2,
  GENERATE_RANDOM_SECRET: 0xa3,
  RESET_SECRET: 0xa5,
  LIST_SECRET_HEADERS: 0xa6,
  GENERATE_2FA_SECRET: 0xae,
} as const;

export const SECRET_TYPE = {
  MASTER_SEED: 0x10,
  BIP39_MNEMONIC: 0x30,
  ELECTRUM_MNEMONIC: 0x40,
  SHAMIR_SECRET_SHARE: 0x50,
  PRIVKEY: 0x60,
  PUBKEY: 0x70,
  KEY: 0x80,
  PASSWORD: 0x90,
  MASTER_PASSWORD: 0x91,
  TWO_FACTOR: 0xb0,
  DATA: 0xc0,
} as const;

const OM_TYPE = 0;
const HEADER_SIZE = 13;
const AT = {
  TYPE: 0,
  ORIGIN: 1,
  EXPORT_CONTROL: 2,
  EXPORT_NB_PLAIN: 3,
  EXPORT_NB_SECURE: 4,
  EXPORT_COUNTER: 5,
  FINGERPRINT: 6,
  SUBTYPE: 10,
  RFU2: 11,
  LABEL_SIZE: 12,
  LABEL: 13,
} as const;
const FINGERPRINT_SIZE = 4;
const EXPORT_MASK = 0x03;
const EXPORT_ALLOWED = 0x01;
const EXPORT_SECURE_ONLY = 0x02;
const ORIGIN_ONCARD = 0x03;
const SUBTYPE_ENTROPY = 0x10;
const MAX_LABEL_SIZE = 127;
const SEED_SIZE = { min: 16, max: 64 } as const;
const RANDOM_SIZE = { min: 16, max: 64 } as const;
const SIZE_2FA = 20;
const BLOCK = 16;
const CHUNK_SIZE = 128;
const IV_SIZE = 16;
const MAC_SIZE = 20;
const RECV_BUFFER_SIZE = 320;
const ENTROPY_LABEL = utf8ToBytes('entropy');
const SECRET_SC_KEY = utf8ToBytes('seckey');
const SECRET_SC_MAC = utf8ToBytes('secmac');
const RANDOM_TYPES = new Set<number>([
  SECRET_TYPE.MASTER_SEED,
  SECRET_TYPE.MASTER_PASSWORD,
  SECRET_TYPE.TWO_FACTOR,
  SECRET_TYPE.PRIVKEY,
  SECRET_TYPE.KEY,
]);

type Hash = ReturnType<typeof sha256.create>;

export class SecretStore {
  private readonly objects: ObjectManager;
  private nextId = 0;
  private readonly storageKey = randomBytes(16);
  private readonly storageCipher = new AesCipher('ecb');
  private fingerprint: Hash = sha256.create();
  // The transport keys of a secure (encrypted) import or export, shared with a public key
  // stored on the card (CLEAR_ON_DESELECT on the card).
  private readonly transportCipher = new AesCipher('cbc');
  private transportKey: Uint8Array = new Uint8Array(16);
  private transportMacKey: Uint8Array = new Uint8Array(MAC_SIZE);
  private transportHash: Hash = sha256.create();
  private signedParts: Uint8Array[] = [];
  private readonly recv = new Uint8Array(RECV_BUFFER_SIZE);

  // The lock that keeps a multi-APDU import or export together: persistent fields.
  private lockEnabled = false;
  private lockIns = 0;
  private lockLastOp = 0;
  private lockTransport = 0;
  private lockId = -1;
  private lockIdPubkey = -1;
  private lockDataSize = 0;
  private lockDataRemaining = 0;
  private lockObjOffset = 0;
  private lockObjSize = 0;

  constructor(
    memorySize: number,
    private readonly authentikey: EcKeyPair,
    private readonly log: AuditLog,
  ) {
    this.objects = new ObjectManager(memorySize);
  }

  get memory(): { secrets: number; total: number; free: number } {
    return {
      secrets: this.objects.objectCount,
      total: this.objects.totalMemory,
      free: this.objects.freeMemory,
    };
  }

  /** SETUP numbers secrets from 0 again. */
  restartIds(): void {
    this.nextId = 0;
  }

  /** Factory reset: every secret gone, the heap zeroed. */
  eraseAll(): void {
    this.objects.reset(true);
  }

  /** Before the command switch: a multi-APDU operation in progress admits only its own INS. */
  checkLock(ins: number): void {
    if (this.lockEnabled && this.lockIns !== ins) this.resetLockThenThrow(SW.LOCK_ERROR, false);
  }

  clearTransient(): void {
    this.recv.fill(0);
    this.transportMacKey = new Uint8Array(MAC_SIZE);
  }

  /** 0xA0 (deprecated): P1 = seed size, P2 = export rights, data = [label size | label]. */
  generateMasterseed(buffer: ApduBuffer): number {
    this.log.create(SECRET_INS.GENERATE_MASTERSEED, -1, -1, 0);
    const seedSize = buffer.s8(OFFSET.P1);
    if (seedSize < SEED_SIZE.min || seedSize > SEED_SIZE.max) isoError(SW.INCORRECT_P1);
    return this.generateSimple(
      buffer,
      SECRET_INS.GENERATE_MASTERSEED,
      SECRET_TYPE.MASTER_SEED,
      seedSize,
    );
  }

  /** 0xAE (deprecated): a 20-byte 2FA secret; P2 = export rights, data = [label size | label]. */
  generateTwoFactorSecret(buffer: ApduBuffer): number {
    this.log.create(SECRET_INS.GENERATE_2FA_SECRET, -1, -1, 0);
    return this.generateSimple(
      buffer,
      SECRET_INS.GENERATE_2FA_SECRET,
      SECRET_TYPE.TWO_FACTOR,
      SIZE_2FA,
    );
  }

  /**
   * 0xA3: P1 = secret size, P2 = export rights, data = [type | subtype | save entropy |
   * label size | label | entropy size | entropy]. The secret is SHA-512(host entropy ‖ card
   * entropy) cut to size; with save entropy = 01 the entropy is kept as a second secret.
   */
  generateRandomSecret(buffer: ApduBuffer): number {
    this.log.create(SECRET_INS.GENERATE_RANDOM_SECRET, -1, -1, 0);
    const secretSize = buffer.s8(OFFSET.P1);
    if (secretSize < RANDOM_SIZE.min || secretSize > RANDOM_SIZE.max) isoError(SW.INCORRECT_P1);
    const exportRights = buffer.s8(OFFSET.P2) & EXPORT_MASK;
    let bytesLeft = buffer.lc;
    if (bytesLeft < 4) isoError(SW.INVALID_PARAMETER);
    let offset = OFFSET.CDATA;
    const type = buffer.s8(offset++);
    const subtype = buffer.s8(offset++);
    const saveEntropy = buffer.s8(offset++);
    const labelSize = buffer.u8(offset++);
    bytesLeft -= 4;
    if (labelSize > MAX_LABEL_SIZE) isoError(SW.INVALID_PARAMETER);
    if (bytesLeft <= labelSize) isoError(SW.INVALID_PARAMETER);
    if (!RANDOM_TYPES.has(type & 0xff)) isoError(SW.WRONG_SECRET_TYPE);
    if (type === s8(SECRET_TYPE.MASTER_SEED)) {
      if (secretSize < SEED_SIZE.min || secretSize > SEED_SIZE.max) isoError(SW.INCORRECT_P1);
    }

    const plainSize = 1 + secretSize;
    const padSize = BLOCK - (plainSize % BLOCK);
    let objBase = this.newObject(HEADER_SIZE + labelSize + plainSize + padSize, false);
    this.writeHeader(objBase, type, ORIGIN_ONCARD, exportRights, subtype, 0, labelSize);
    this.objects.setData(objBase, AT.LABEL, buffer.read(offset, labelSize));

    const recv = this.recv;
    offset += labelSize;
    bytesLeft -= labelSize;
    const entropySize = buffer.s8(offset);
    if (entropySize > secretSize) isoError(SW.INVALID_PARAMETER);
    offset += 1;
    bytesLeft -= 1;
    if (bytesLeft < entropySize) isoError(SW.INVALID_PARAMETER);
    arrayCopy(buffer.bytes, offset, recv, 1, entropySize);
    recv.set(randomBytes(secretSize), 1 + entropySize);
    const secretOffset = 1 + entropySize + secretSize;
    recv.set(sha512(recv.subarray(1, secretOffset)), secretOffset + 1);
    recv[secretOffset] = secretSize;
    const fingerprintAt = secretOffset + 1 + secretSize;
    recv.set(sha256(recv.subarray(secretOffset, fingerprintAt)), fingerprintAt);
    this.objects.setData(objBase, AT.FINGERPRINT, slice(recv, fingerprintAt, FINGERPRINT_SIZE));
    arrayFill(recv, fingerprintAt, padSize, padSize);
    this.storageCipher.init(this.storageKey, 'encrypt');
    const encrypted = this.storageCipher.doFinal(slice(recv, secretOffset, plainSize + padSize));
    recv.set(encrypted, secretOffset);
    this.objects.setData(objBase, HEADER_SIZE + labelSize, encrypted);
    recv.fill(0, secretOffset, secretOffset + plainSize);
    this.log.update(SECRET_INS.GENERATE_RANDOM_SECRET, this.nextId, -1, 0x9000);
    buffer.setShort(0, this.nextId);
    buffer.write(2, this.objects.getData(objBase, AT.FINGERPRINT, FINGERPRINT_SIZE));
    this.nextId = s16(this.nextId + 1);
    if (saveEntropy !== 0x01) return 2 + FINGERPRINT_SIZE;

    this.log.create(SECRET_INS.GENERATE_RANDOM_SECRET, -1, -1, 0);
    const entropyPlain = 1 + entropySize + secretSize;
    const entropyPad = BLOCK - (entropyPlain % BLOCK);
    objBase = this.newObject(HEADER_SIZE + ENTROPY_LABEL.length + entropyPlain + entropyPad, false);
    this.writeHeader(
      objBase,
      SECRET_TYPE.KEY,
      ORIGIN_ONCARD,
      exportRights,
      SUBTYPE_ENTROPY,
      0,
      ENTROPY_LABEL.length,
    );
    this.objects.setData(objBase, AT.LABEL, ENTROPY_LABEL);
    recv[0] = (entropySize + secretSize) & 0xff;
    recv.set(sha256(recv.subarray(0, entropyPlain)), entropyPlain);
    this.objects.setData(objBase, AT.FINGERPRINT, slice(recv, entropyPlain, FINGERPRINT_SIZE));
    arrayFill(recv, entropyPlain, entropyPad, entropyPad);
    this.storageCipher.init(this.storageKey, 'encrypt');
    const entropyEncrypted = this.storageCipher.doFinal(slice(recv, 0, entropyPlain + entropyPad));
    recv.set(entropyEncrypted, 0);
    this.objects.setData(objBase, HEADER_SIZE + ENTROPY_LABEL.length, entropyEncrypted);
    recv.fill(0, 0, entropyPlain);
    this.log.update(SECRET_INS.GENERATE_RANDOM_SECRET, this.nextId, -1, 0x9000);
    buffer.setShort(2 + FINGERPRINT_SIZE, this.nextId);
    buffer.write(
      4 + FINGERPRINT_SIZE,
      this.objects.getData(objBase, AT.FINGERPRINT, FINGERPRINT_SIZE),
    );
    this.nextId = s16(this.nextId + 1);
    return 4 + 2 * FINGERPRINT_SIZE;
  }

  /**
   * 0xA1. P1 = 01 plain or 02 encrypted (under a public key stored on the card); P2 =
   * INIT [header(13) | label | (id_pubkey(2) | IV(16)) | padded secret size(2)], PROCESS
   * [chunk size(2) | chunk], FINALIZE [chunk size(2) | chunk | (mac size | mac)]; the last
   * answers [id(2) | fingerprint(4)]. INIT reserves the object; a failure later erases it.
   */
  importSecret(buffer: ApduBuffer): number {
    const transport = buffer.s8(OFFSET.P1);
    if (transport !== EXPORT_ALLOWED && transport !== EXPORT_SECURE_ONLY) {
      isoError(SW.INVALID_PARAMETER);
    }
    switch (buffer.s8(OFFSET.P2)) {
      case OP.INIT:
        return this.importInit(buffer, transport);
      case OP.PROCESS:
        return this.importProcess(buffer);
      case OP.FINALIZE:
        return this.importFinal(buffer);
      default:
        return isoError(SW.INCORRECT_P2);
    }
  }

  /**
   * 0xA2. P1 = 01 plain or 02 encrypted, data = [id(2) | id_pubkey(2)]. INIT answers [id |
   * header | label (| IV)] and counts the export; then each PROCESS answers [size | up to 128
   * bytes], the last one adding [size | the authentikey's signature over id, header, label
   * and data] (or the HMAC of an encrypted export).
   */
  exportSecret(buffer: ApduBuffer): number {
    const transport = buffer.s8(OFFSET.P1);
    if (transport !== EXPORT_ALLOWED && transport !== EXPORT_SECURE_ONLY) {
      isoError(SW.INVALID_PARAMETER);
    }
    switch (buffer.s8(OFFSET.P2)) {
      case OP.INIT:
        return this.exportInit(buffer, transport);
      case OP.PROCESS:
        return this.exportProcess(buffer);
      default:
        return isoError(SW.INCORRECT_P2);
    }
  }

  /** 0xA6: P2 = 01 (first) or 02 (next); [id(2) | header | label], 9C12 after the last. */
  listSecretHeaders(buffer: ApduBuffer): number {
    let base: number;
    const op = buffer.s8(OFFSET.P2);
    if (op === OP.INIT) base = this.objects.firstRecord();
    else if (op === OP.PROCESS) base = this.objects.nextRecord();
    else return isoError(SW.INCORRECT_P2);
    if (base === NULL_OFFSET) isoError(SW.SEQUENCE_END);
    buffer.setShort(0, this.objects.idOf(base));
    const labelSize = this.objects.getByte(base, AT.LABEL_SIZE) & 0xff;
    buffer.write(2, this.objects.getData(base, 0, HEADER_SIZE + labelSize));
    return 2 + HEADER_SIZE + labelSize;
  }

  /** 0xA5: data = [id(2)]; the secret is zeroed and freed (9C08 when there is none). */
  resetSecret(buffer: ApduBuffer): number {
    this.log.create(SECRET_INS.RESET_SECRET, -1, -1, 0);
    if (buffer.lc < 2) isoError(SW.INVALID_PARAMETER);
    const id = buffer.getShort(OFFSET.CDATA);
    if (!this.objects.destroyObject(OM_TYPE, id, true)) {
      this.log.update(SECRET_INS.RESET_SECRET, id, -1, SW.OBJECT_NOT_FOUND);
      isoError(SW.OBJECT_NOT_FOUND);
    }
    this.log.update(SECRET_INS.RESET_SECRET, id, -1, 0x9000);
    return 0;
  }

  private generateSimple(buffer: ApduBuffer, ins: number, type: number, size: number): number {
    const exportRights = buffer.s8(OFFSET.P2) & EXPORT_MASK;
    const labelSize = buffer.u8(OFFSET.CDATA);
    if (labelSize > MAX_LABEL_SIZE) isoError(SW.INVALID_PARAMETER);
    const recv = this.recv;
    recv.set([type, ORIGIN_ONCARD, exportRights, 0, 0, 0, 0, 0, 0, 0, 0, 0, labelSize & 0x7f]);
    arrayCopy(buffer.bytes, OFFSET.CDATA + 1, recv, AT.LABEL, labelSize);
    let recvOffset = HEADER_SIZE + labelSize;

    buffer.setByte(0, size);
    buffer.write(1, randomBytes(size));
    buffer.write(size + 1, sha256(buffer.read(0, size + 1)));
    recv.set(buffer.read(size + 1, FINGERPRINT_SIZE), AT.FINGERPRINT);
    const padSize = BLOCK - ((size + 1) % BLOCK);
    arrayFill(buffer.bytes, 1 + size, padSize, padSize);
    this.storageCipher.init(this.storageKey, 'encrypt');
    const encrypted = this.storageCipher.doFinal(buffer.read(0, 1 + size + padSize));
    arrayCopy(encrypted, 0, recv, recvOffset, encrypted.length);
    recvOffset += encrypted.length;

    const base = this.newObject(recvOffset, false);
    this.objects.setData(base, 0, recv.slice(0, recvOffset));
    this.log.update(ins, this.nextId, -1, 0x9000);
    buffer.setShort(0, this.nextId);
    buffer.write(2, recv.slice(AT.FINGERPRINT, AT.FINGERPRINT + FINGERPRINT_SIZE));
    this.nextId = s16(this.nextId + 1);
    return 2 + FINGERPRINT_SIZE;
  }

  private importInit(buffer: ApduBuffer, transport: number): number {
    this.lockId = -1;
    this.lockIdPubkey = -1;
    this.log.create(SECRET_INS.IMPORT_SECRET, this.lockId, this.lockIdPubkey, 0);
    let bytesLeft = buffer.lc;
    let offset = OFFSET.CDATA;
    if (bytesLeft < HEADER_SIZE) isoError(SW.INVALID_PARAMETER);
    const type = buffer.s8(offset);
    offset += 2;
    const exportRights = buffer.s8(offset) & EXPORT_MASK;
    offset += 1 + 7;
    const subtype = buffer.s8(offset++);
    const rfu2 = buffer.s8(offset++);
    const labelSize = buffer.u8(offset);
    if (labelSize > MAX_LABEL_SIZE) isoError(SW.INVALID_PARAMETER);
    offset += 1;
    bytesLeft -= HEADER_SIZE;
    if (bytesLeft < labelSize) isoError(SW.INVALID_PARAMETER);
    const labelOffset = offset;
    offset += labelSize;
    bytesLeft -= labelSize;

    if (transport === EXPORT_SECURE_ONLY) {
      if (bytesLeft < 2) isoError(SW.INVALID_PARAMETER);
      this.lockIdPubkey = buffer.getShort(offset);
      offset += 2;
      bytesLeft -= 2;
      if (bytesLeft < IV_SIZE) isoError(SW.INVALID_PARAMETER);
      this.agreeTransportKeys();
      this.transportCipher.init(this.transportKey, 'decrypt', buffer.read(offset, IV_SIZE));
      this.transportHash = sha256.create();
      // The label and its size stay out of the MAC, so a label can change on the way.
      this.transportHash.update(buffer.read(OFFSET.CDATA, HEADER_SIZE - 1));
      offset += IV_SIZE;
      bytesLeft -= IV_SIZE;
    }

    if (bytesLeft < 2) this.resetLockThenThrow(SW.INVALID_PARAMETER, false);
    const paddedSecretSize = buffer.getShort(offset);
    const objSize = s16(HEADER_SIZE + labelSize + paddedSecretSize);
    const objBase = this.newObject(objSize, true);
    this.lockId = this.nextId;
    this.nextId = s16(this.nextId + 1);
    this.writeHeader(objBase, type, transport, exportRights, subtype, rfu2, labelSize);
    this.objects.setData(objBase, AT.LABEL, buffer.read(labelOffset, labelSize));

    this.storageCipher.init(this.storageKey, 'encrypt');
    this.fingerprint = sha256.create();
    this.lockIns = SECRET_INS.IMPORT_SECRET;
    this.lockLastOp = OP.INIT;
    this.lockTransport = transport;
    this.lockObjOffset = HEADER_SIZE + labelSize;
    this.lockObjSize = objSize;
    this.lockDataSize = 0;
    this.lockEnabled = true;
    return 0;
  }

  private importProcess(buffer: ApduBuffer): number {
    this.checkImportLock();
    let bytesLeft = buffer.lc;
    let offset = OFFSET.CDATA;
    if (bytesLeft < 2) this.resetLockThenThrow(SW.INVALID_PARAMETER, true);
    let dataSize = buffer.getShort(offset);
    offset += 2;
    bytesLeft -= 2;
    if (bytesLeft < dataSize) this.resetLockThenThrow(SW.INVALID_PARAMETER, true);
    if (this.lockTransport === EXPORT_SECURE_ONLY) {
      const ciphertext = buffer.read(offset, dataSize);
      this.transportHash.update(ciphertext);
      const plain = this.transportCipher.update(ciphertext);
      buffer.write(offset, plain);
      dataSize = plain.length;
    }
    const data = buffer.read(offset, dataSize);
    this.fingerprint.update(data);
    const encrypted = this.storageCipher.update(data);
    buffer.write(offset, encrypted);
    if (s16(this.lockObjSize - this.lockObjOffset) < encrypted.length) {
      this.resetLockThenThrow(SW.IMPORTED_DATA_TOO_LONG, true);
    }
    const objBase = this.objects.baseAddress(OM_TYPE, this.lockId);
    if (objBase === NULL_OFFSET) this.resetLockThenThrow(SW.OBJECT_NOT_FOUND, true);
    this.objects.setData(objBase, this.lockObjOffset, encrypted);
    this.lockDataSize = s16(this.lockDataSize + dataSize);
    this.lockObjOffset = s16(this.lockObjOffset + encrypted.length);
    this.lockLastOp = OP.PROCESS;
    return 0;
  }

  private importFinal(buffer: ApduBuffer): number {
    this.checkImportLock();
    let bytesLeft = buffer.lc;
    let offset = OFFSET.CDATA;
    let dataSize = 0;
    if (bytesLeft >= 2) {
      dataSize = buffer.getShort(offset);
      offset += 2;
      bytesLeft -= 2;
      if (bytesLeft < dataSize) this.resetLockThenThrow(SW.INVALID_PARAMETER, true);
    }
    let padSize: number;
    if (this.lockTransport === EXPORT_SECURE_ONLY) {
      offset += dataSize;
      bytesLeft -= dataSize;
      if (bytesLeft < 1) this.resetLockThenThrow(SW.INVALID_PARAMETER, true);
      const macSize = buffer.s8(offset);
      offset += 1;
      bytesLeft -= 1;
      if (macSize !== MAC_SIZE || bytesLeft < macSize) {
        this.resetLockThenThrow(SW.INVALID_PARAMETER, true);
      }
      const ciphertext = buffer.read(OFFSET.CDATA + 2, dataSize);
      const digest = this.transportHash.update(ciphertext).digest();
      const mac = hmacSha160(this.transportMacKey, digest.length, () => digest);
      buffer.write(offset + macSize, digest);
      buffer.write(offset + macSize + digest.length, mac);
      if (buffer.read(offset, MAC_SIZE).some((b, i) => b !== mac[i])) {
        this.resetLockThenThrow(SW.SECURE_IMPORT_WRONG_MAC, true);
      }
      offset = OFFSET.CDATA + 2;
      const plain = this.transportCipher.doFinal(ciphertext);
      buffer.write(offset, plain);
      padSize = buffer.s8(offset + plain.length - 1);
      dataSize = plain.length - padSize;
    } else {
      this.lockDataSize = s16(this.lockDataSize + dataSize);
      padSize = BLOCK - (this.lockDataSize % BLOCK);
      arrayFill(buffer.bytes, offset + dataSize, padSize, padSize);
    }

    const encrypted = this.storageCipher.doFinal(buffer.read(offset, dataSize + padSize));
    arrayCopy(encrypted, 0, this.recv, 0, encrypted.length);
    const objBytesLeft = s16(this.lockObjSize - this.lockObjOffset);
    if (objBytesLeft < encrypted.length) this.resetLockThenThrow(SW.IMPORTED_DATA_TOO_LONG, true);
    const objBase = this.objects.baseAddress(OM_TYPE, this.lockId);
    if (objBase === NULL_OFFSET) this.resetLockThenThrow(SW.OBJECT_NOT_FOUND, true);
    if (objBytesLeft > encrypted.length) {
      this.objects.clampObject(objBase, s16(this.lockObjOffset + encrypted.length));
    }
    this.objects.setData(objBase, this.lockObjOffset, encrypted);
    this.lockObjOffset = s16(this.lockObjOffset + encrypted.length);
    const fingerprint = this.fingerprint.update(buffer.read(offset, dataSize)).digest();
    buffer.write(2, fingerprint);
    this.objects.setData(objBase, AT.FINGERPRINT, fingerprint.slice(0, FINGERPRINT_SIZE));
    this.log.update(SECRET_INS.IMPORT_SECRET, this.lockId, this.lockIdPubkey, 0x9000);
    buffer.setShort(0, this.lockId);
    this.lockEnabled = false;
    this.lockIns = 0;
    this.lockLastOp = 0;
    this.lockTransport = 0;
    this.lockDataSize = 0;
    return 2 + FINGERPRINT_SIZE;
  }

  private exportInit(buffer: ApduBuffer, transport: number): number {
    this.lockIns = SECRET_INS.EXPORT_SECRET;
    this.lockLastOp = OP.INIT;
    this.lockTransport = transport;
    this.lockDataRemaining = 0;
    this.lockObjOffset = 0;
    this.lockIdPubkey = -1;
    this.lockId = -1;
    this.lockEnabled = true;
    this.log.create(SECRET_INS.EXPORT_SECRET, this.lockId, this.lockIdPubkey, 0);
    const bytesLeft = buffer.lc;
    if (bytesLeft < 2) this.resetLockThenThrow(SW.INVALID_PARAMETER, false);
    this.lockId = buffer.getShort(OFFSET.CDATA);
    let iv: Uint8Array | undefined;
    if (this.lockTransport === EXPORT_SECURE_ONLY) {
      if (bytesLeft < 4) this.resetLockThenThrow(SW.INVALID_PARAMETER, false);
      this.lockIdPubkey = buffer.getShort(OFFSET.CDATA + 2);
      this.agreeTransportKeys(true);
      iv = randomBytes(IV_SIZE);
      this.transportCipher.init(this.transportKey, 'encrypt', iv);
    }

    const objBase = this.objects.baseAddress(OM_TYPE, this.lockId);
    if (objBase === NULL_OFFSET) this.resetLockThenThrow(SW.OBJECT_NOT_FOUND, false);
    const objSize = this.objects.sizeOf(objBase);
    const exportRights = this.objects.getByte(objBase, AT.EXPORT_CONTROL) & EXPORT_MASK;
    if (this.lockTransport === EXPORT_ALLOWED) {
      if (exportRights !== EXPORT_ALLOWED) this.resetLockThenThrow(SW.EXPORT_NOT_ALLOWED, false);
      this.countExport(objBase, AT.EXPORT_NB_PLAIN);
    } else {
      if (exportRights !== EXPORT_ALLOWED && exportRights !== EXPORT_SECURE_ONLY) {
        this.resetLockThenThrow(SW.EXPORT_NOT_ALLOWED, false);
      }
      this.countExport(objBase, AT.EXPORT_NB_SECURE);
    }

    buffer.setShort(0, this.lockId);
    const labelSize = this.objects.getByte(objBase, AT.LABEL_SIZE);
    buffer.write(2, this.objects.getData(objBase, 0, s16(HEADER_SIZE + labelSize)));
    this.lockObjOffset = s16(HEADER_SIZE + labelSize);
    this.lockDataRemaining = s16(objSize - this.lockObjOffset);
    this.storageCipher.init(this.storageKey, 'decrypt');
    const headerLength = 2 + HEADER_SIZE + labelSize;
    if (this.lockTransport === EXPORT_ALLOWED) {
      this.signedParts = [buffer.read(0, headerLength)];
      return headerLength;
    }
    buffer.write(headerLength, iv!);
    this.transportHash = sha256.create();
    this.transportHash.update(buffer.read(2, HEADER_SIZE - 1));
    return headerLength + IV_SIZE;
  }

  private exportProcess(buffer: ApduBuffer): number {
    if (
      this.lockIns !== SECRET_INS.EXPORT_SECRET ||
      (this.lockLastOp !== OP.INIT && this.lockLastOp !== OP.PROCESS)
    ) {
      this.resetLockThenThrow(SW.LOCK_ERROR, false);
    }
    const objBase = this.objects.baseAddress(OM_TYPE, this.lockId);
    if (objBase === NULL_OFFSET) this.resetLockThenThrow(SW.OBJECT_NOT_FOUND, false);
    const secure = this.lockTransport === EXPORT_SECURE_ONLY;

    if (this.lockDataRemaining > CHUNK_SIZE) {
      const plain = this.storageCipher.update(
        this.objects.getData(objBase, this.lockObjOffset, CHUNK_SIZE),
      );
      buffer.write(2, plain);
      buffer.setShort(0, plain.length);
      if (secure) {
        const encrypted = this.transportCipher.update(buffer.read(2, CHUNK_SIZE));
        buffer.write(2, encrypted);
        buffer.setShort(0, encrypted.length);
        this.transportHash.update(encrypted);
      } else {
        this.signedParts.push(plain);
      }
      this.lockObjOffset = s16(this.lockObjOffset + CHUNK_SIZE);
      this.lockDataRemaining = s16(this.lockDataRemaining - CHUNK_SIZE);
      return 2 + plain.length;
    }

    const stored = this.objects.getData(objBase, this.lockObjOffset, this.lockDataRemaining);
    let decSize: number;
    let signatureSize: number;
    const decrypted = this.storageCipher.doFinal(stored);
    buffer.write(2, decrypted);
    if (secure) {
      const encrypted = this.transportCipher.doFinal(decrypted);
      buffer.write(2, encrypted);
      buffer.setShort(0, encrypted.length);
      decSize = encrypted.length;
      const digest = this.transportHash.update(encrypted).digest();
      const mac = hmacSha160(this.transportMacKey, digest.length, () => digest);
      buffer.write(2 + decSize + 2, mac);
      buffer.setShort(2 + decSize, mac.length);
      signatureSize = mac.length;
    } else {
      const padSize = buffer.s8(2 + decrypted.length - 1);
      decSize = decrypted.length - padSize;
      buffer.setShort(0, decSize);
      const data = buffer.read(2, decSize);
      const signature = signDer(
        concatBytes(...this.signedParts, data),
        this.authentikey.privateKey,
      );
      buffer.write(2 + decSize + 2, signature);
      buffer.setShort(2 + decSize, signature.length);
      signatureSize = signature.length;
    }
    this.lockObjOffset = s16(this.lockObjOffset + this.lockDataRemaining);
    this.lockDataRemaining = 0;
    this.log.update(SECRET_INS.EXPORT_SECRET, this.lockId, this.lockIdPubkey, 0x9000);
    this.lockEnabled = false;
    this.lockIns = 0;
    this.lockLastOp = 0;
    this.lockId = -1;
    this.lockIdPubkey = -1;
    this.lockTransport = 0;
    this.lockObjOffset = 0;
    return 2 + decSize + 2 + signatureSize;
  }

  /**
   * The transport keys shared with the public key `lockIdPubkey` (a PUBKEY secret holding
   * [65 | 04 ‖ X ‖ Y]): ECDH with the authentikey, then HMAC-SHA1 with "seckey" / "secmac".
   * An export counts the use in the public key's header.
   */
  private agreeTransportKeys(countUse = false): void {
    const basePubkey = this.objects.baseAddress(OM_TYPE, this.lockIdPubkey);
    if (basePubkey === NULL_OFFSET) this.resetLockThenThrow(SW.OBJECT_NOT_FOUND, false);
    const recv = this.recv;
    const size = this.objects.sizeOf(basePubkey);
    arrayCopy(this.objects.getData(basePubkey, 0, size), 0, recv, 0, size);
    if (recv[AT.TYPE] !== SECRET_TYPE.PUBKEY) this.resetLockThenThrow(SW.WRONG_SECRET_TYPE, false);
    if (countUse) {
      recv[AT.EXPORT_COUNTER] = (recv[AT.EXPORT_COUNTER]! + 1) & 0xff;
      this.objects.setByte(basePubkey, AT.EXPORT_COUNTER, recv[AT.EXPORT_COUNTER]!);
    }
    const labelSize = recv[AT.LABEL_SIZE]!;
    const dataOffset = s16(HEADER_SIZE + labelSize);
    this.storageCipher.init(this.storageKey, 'decrypt');
    recv.set(this.storageCipher.doFinal(slice(recv, dataOffset, 80)), dataOffset);
    const pubkeySize = s8(recv[dataOffset]!);
    if (pubkeySize !== 65) this.resetLockThenThrow(SW.INVALID_PARAMETER, false);
    const shared = agreePoint(this.authentikey.privateKey, slice(recv, dataOffset + 1, 65));
    recv.set(shared, 0);
    const x = shared.slice(1, 33);
    this.transportMacKey = hmacSha160(x, SECRET_SC_MAC.length, () => SECRET_SC_MAC);
    this.transportKey = hmacSha160(x, SECRET_SC_KEY.length, () => SECRET_SC_KEY).slice(0, 16);
  }

  private countExport(objBase: number, at: number): void {
    this.objects.setByte(objBase, at, this.objects.getByte(objBase, at) + 1);
  }

  private checkImportLock(): void {
    if (
      !this.lockEnabled ||
      this.lockIns !== SECRET_INS.IMPORT_SECRET ||
      (this.lockLastOp !== OP.INIT && this.lockLastOp !== OP.PROCESS)
    ) {
      this.resetLockThenThrow(SW.LOCK_ERROR, true);
    }
  }

  /** An object for the next free id, which becomes the current one. */
  private newObject(size: number, secure: boolean): number {
    while (this.objects.exists(OM_TYPE, this.nextId)) this.nextId = s16(this.nextId + 1);
    const base = this.objects.createObject(OM_TYPE, this.nextId, s16(size), secure);
    return base;
  }

  private writeHeader(
    base: number,
    type: number,
    origin: number,
    exportRights: number,
    subtype: number,
    rfu2: number,
    labelSize: number,
  ): void {
    const header = [type, origin, exportRights, 0, 0, 0];
    header.forEach((value, i) => this.objects.setByte(base, i, value));
    this.objects.setByte(base, AT.SUBTYPE, subtype);
    this.objects.setByte(base, AT.RFU2, rfu2);
    this.objects.setByte(base, AT.LABEL_SIZE, labelSize & 0x7f);
  }

  /**
   * resetLockThenThrow: optionally erases the object being imported (the *current* lock id,
   * whatever it is), logs the failure, releases the lock and ends the command.
   */
  private resetLockThenThrow(sw: number, destroyObject: boolean): never {
    if (destroyObject) this.objects.destroyObject(OM_TYPE, this.lockId, true);
    this.log.update(this.lockIns, this.lockId, this.lockIdPubkey, sw);
    this.lockEnabled = false;
    this.lockIns = 0;
    this.lockLastOp = 0;
    this.lockTransport = 0;
    this.lockObjOffset = 0;
    this.lockObjSize = 0;
    return isoError(sw);
  }
}
