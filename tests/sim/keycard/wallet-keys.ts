// The applet's key store (the key fields of KeycardApplet.java): master key pair, master
// and duress ("alt") chain codes, the current and PIN-less paths, and lazy BIP-32
// derivation into `derivationOutput`. Like on the card, `tmpPath` and `derivationOutput`
// are CLEAR_ON_RESET, and using the master key itself only refreshes the private half of
// `derivationOutput`: its chain-code half still holds the last real derivation's (or zeros
// after a reset), which is what an extended-public export of the master key returns.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { equalBytes } from '@noble/curves/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { CryptoException, SW, isoError } from './apdu-buffer';

export const SOURCE_MASTER = 0x00;
export const SOURCE_PARENT = 0x40;
export const SOURCE_CURRENT = 0x80;
export const SOURCE_PINLESS = 0xc0;

const MAX_PATH_BYTES = 40;
const KEY_SIZE = 32;
const EIP1581_PREFIX = hexToBytes('8000002b8000003c8000062d');

export interface KeyPairToLoad {
  privateKey: Uint8Array;
  chainCode: Uint8Array | undefined;
  /** As sent; the card stores it without checking that it matches the private key. */
  publicKey: Uint8Array | undefined;
}

export class WalletKeys {
  private masterPrivate: Uint8Array | undefined;
  private masterPublic: Uint8Array | undefined;
  private readonly masterChainCode = new Uint8Array(KEY_SIZE);
  private readonly altChainCode = new Uint8Array(KEY_SIZE);
  /** The persistent `chainCode` reference: the duress chain once the duress PIN was verified. */
  private useAltChain = false;
  private extended = false;
  private keyPath = new Uint8Array(0);
  private pinlessPath = new Uint8Array(0);
  private tmpPath = new Uint8Array(0);
  private readonly derivationOutput = new Uint8Array(2 * KEY_SIZE);
  private readonly uid = new Uint8Array(KEY_SIZE);

  get hasKey(): boolean {
    return this.masterPrivate !== undefined;
  }

  /** SHA-256 of the stored master public key; undefined without a key. */
  get keyUid(): Uint8Array | undefined {
    return this.masterPrivate ? this.uid.slice() : undefined;
  }

  get currentPath(): Uint8Array {
    return this.keyPath.slice();
  }

  get hasPinlessPath(): boolean {
    return this.pinlessPath.length > 0;
  }

  useChain(alt: boolean): void {
    this.useAltChain = alt;
  }

  /** LOAD KEY P1=01/02. Throws CryptoException for a key the card cannot take. */
  loadKeyPair(key: KeyPairToLoad): Uint8Array {
    if (key.privateKey.length !== KEY_SIZE || !secp256k1.utils.isValidSecretKey(key.privateKey)) {
      throw new CryptoException(CryptoException.ILLEGAL_VALUE);
    }
    if (key.chainCode && key.chainCode.length !== KEY_SIZE) isoError(SW.WRONG_DATA);
    let publicKey: Uint8Array;
    try {
      publicKey = key.publicKey
        ? secp256k1.Point.fromBytes(key.publicKey).toBytes(false)
        : secp256k1.getPublicKey(key.privateKey, false);
    } catch {
      throw new CryptoException(CryptoException.ILLEGAL_VALUE);
    }
    return this.store(key.privateKey, key.chainCode, publicKey);
  }

  /** LOAD KEY P1=03 and GENERATE KEY: the BIP-32 master key of `seed`. */
  loadSeed(seed: Uint8Array): Uint8Array {
    const master = HDKey.fromMasterSeed(seed);
    const privateKey = master.privateKey!;
    const uid = this.store(
      privateKey,
      master.chainCode!,
      secp256k1.getPublicKey(privateKey, false),
    );
    master.wipePrivateData();
    return uid;
  }

  clear(): void {
    this.masterPrivate?.fill(0);
    this.masterPrivate = undefined;
    this.masterPublic = undefined;
    this.extended = false;
    this.keyPath = new Uint8Array(0);
    this.pinlessPath = new Uint8Array(0);
    this.tmpPath = new Uint8Array(0);
    this.masterChainCode.fill(0);
    this.altChainCode.fill(0);
    this.derivationOutput.fill(0);
    this.uid.fill(0);
  }

  powerLoss(): void {
    this.tmpPath = new Uint8Array(0);
    this.derivationOutput.fill(0);
  }

  /** updateDerivationPath: the path a following SIGN/EXPORT uses, from `source`. */
  updateDerivationPath(path: Uint8Array, source: number): void {
    if (!this.extended) {
      if (path.length !== 0) isoError(SW.CONDITIONS_NOT_SATISFIED);
      this.tmpPath = new Uint8Array(0);
      return;
    }
    let prefix: Uint8Array;
    switch (source) {
      case SOURCE_MASTER:
        prefix = new Uint8Array(0);
        break;
      case SOURCE_PARENT:
        if (this.keyPath.length < 4) isoError(SW.WRONG_P1P2);
        prefix = this.keyPath.subarray(0, this.keyPath.length - 4);
        break;
      case SOURCE_CURRENT:
        prefix = this.keyPath;
        break;
      case SOURCE_PINLESS:
        if (path.length !== 0) isoError(SW.WRONG_DATA);
        prefix = this.pinlessPath;
        break;
      default:
        isoError(SW.INCORRECT_P1P2);
    }
    if (path.length % 4 !== 0 || prefix.length + path.length > MAX_PATH_BYTES) {
      isoError(SW.WRONG_DATA);
    }
    const next = new Uint8Array(prefix.length + path.length);
    next.set(prefix, 0);
    next.set(path, prefix.length);
    this.tmpPath = next;
  }

  commitTmpPath(): void {
    this.keyPath = this.tmpPath.slice();
  }

  setPinlessPath(path: Uint8Array): void {
    if (path.length % 4 !== 0 || path.length > MAX_PATH_BYTES) isoError(SW.WRONG_DATA);
    this.pinlessPath = path.slice();
  }

  isPinless(): boolean {
    return this.pinlessPath.length > 0 && equalBytes(this.pinlessPath, this.tmpPath);
  }

  isEip1581(): boolean {
    return (
      this.tmpPath.length >= EIP1581_PREFIX.length + 8 &&
      equalBytes(this.tmpPath.subarray(0, EIP1581_PREFIX.length), EIP1581_PREFIX)
    );
  }

  /** doDerive: BIP-32 CKDpriv along `tmpPath`; 6984 if a child key is invalid. */
  derive(): void {
    const master = this.masterPrivate;
    if (!master) throw new CryptoException(CryptoException.ILLEGAL_USE);
    if (this.tmpPath.length === 0) {
      this.derivationOutput.set(master, 0);
      return;
    }
    const chainCode = this.useAltChain ? this.altChainCode : this.masterChainCode;
    let node = new HDKey({ privateKey: master, chainCode });
    const view = new DataView(this.tmpPath.buffer, this.tmpPath.byteOffset, this.tmpPath.length);
    for (let offset = 0; offset < this.tmpPath.length; offset += 4) {
      try {
        node = node.deriveChild(view.getUint32(offset));
      } catch {
        isoError(SW.DATA_INVALID);
      }
    }
    this.derivationOutput.set(node.privateKey!, 0);
    this.derivationOutput.set(node.chainCode!, KEY_SIZE);
    node.wipePrivateData();
  }

  derivedPrivateKey(): Uint8Array {
    return this.derivationOutput.slice(0, KEY_SIZE);
  }

  derivedPublicKey(): Uint8Array {
    return secp256k1.getPublicKey(this.derivationOutput.subarray(0, KEY_SIZE), false);
  }

  derivedChainCode(): Uint8Array {
    return this.derivationOutput.slice(KEY_SIZE);
  }

  private store(
    privateKey: Uint8Array,
    chainCode: Uint8Array | undefined,
    publicKey: Uint8Array,
  ): Uint8Array {
    this.masterPrivate?.fill(0);
    this.masterPrivate = privateKey.slice();
    this.masterPublic = publicKey;
    this.extended = chainCode !== undefined;
    if (chainCode) {
      this.masterChainCode.set(chainCode);
      this.altChainCode.set(sha256(chainCode));
    }
    this.keyPath = new Uint8Array(0);
    this.pinlessPath = new Uint8Array(0);
    this.uid.set(sha256(this.masterPublic));
    return this.uid.slice();
  }
}
