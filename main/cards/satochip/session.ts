// One conversation with a Satochip (wallet card) over a CardChannel: what every Toporin
// card does (toporin/session.ts) plus the BIP-32 wallet: seed import and reset, extended
// public keys and signing a 32-byte hash at a path. Signatures come back in the shape
// KeycardSession.sign returns, so signers treat both families alike.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { equalBytes } from '@noble/curves/utils.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { LifeboatError, isLifeboatError } from '../../errors';
import type { CardChannel } from '../channel';
import { wipe, type SecretInput } from '../secret-input';
import { encodePath, toKeyPath, type KeyPath } from '../keycard/path';
import type { ExtendedPublicKey, SignResult } from '../family';
import { findRecoveryId } from '../keycard/signature';
import { INS } from '../toporin/apdu';
import { credentialBytes } from '../toporin/credentials';
import { parseDerSignature } from '../toporin/der-signature';
import { ToporinSession, readStatus, selectApplet } from '../toporin/session';
import type { ToporinStatus } from '../toporin/status';
import { parseExtendedKey } from './extended-key';

export const SEED_BYTES = { min: 16, max: 64 } as const;

const N = secp256k1.Point.CURVE().n;
/** P1 of SIGN TRANSACTION HASH: the key last derived by GET EXTENDED KEY. */
const DERIVED_KEY = 0xff;
/** P2 flag of GET EXTENDED KEY: empty the card's derivation cache first. */
const RESET_CACHE = 0x80;

function to32(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let rest = value;
  for (let i = 31; i >= 0; i -= 1) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

export class SatochipSession extends ToporinSession {
  private constructor(channel: CardChannel, status: ToporinStatus) {
    super(channel, 'satochip', status);
  }

  /** SELECTs the Satochip applet and reads its status; the secure channel opens on first use. */
  static async select(channel: CardChannel): Promise<SatochipSession> {
    return new SatochipSession(channel, await selectApplet(channel, 'satochip'));
  }

  /** A session on the applet the family registry has just selected: only GET STATUS is sent. */
  static async selected(channel: CardChannel): Promise<SatochipSession> {
    return new SatochipSession(channel, await readStatus(channel));
  }

  /**
   * BIP32 IMPORT SEED (16..64 bytes, e.g. a BIP-39 seed). The card answers with its
   * authentikey; the master key it derived is then compared with the one derived here.
   */
  importSeed(seed: Uint8Array): Promise<void> {
    return this.exclusive(async () => {
      if (seed.length < SEED_BYTES.min || seed.length > SEED_BYTES.max)
        throw new LifeboatError('invalid-secret', 'A wallet seed is 16 to 64 bytes.');
      const master = HDKey.fromMasterSeed(seed);
      const expected = secp256k1.Point.fromBytes(master.publicKey!).toBytes(false);
      const expectedChainCode = master.chainCode!.slice();
      master.wipePrivateData();
      const data = seed.slice();
      try {
        this.acceptAuthentikey(
          await this.send('import-seed', { ins: INS.importSeed, p1: data.length, data }),
        );
      } finally {
        wipe(data);
      }
      this.setStatus({ ...this.status, seeded: true });
      const loaded = await this.extendedKeyNow({ start: 'master', indices: [] });
      if (
        !equalBytes(loaded.publicKey, expected) ||
        !equalBytes(loaded.chainCode, expectedChainCode)
      )
        throw new LifeboatError(
          'card-error',
          'The card reports a different key than the one that was loaded.',
        );
    });
  }

  /** BIP32 RESET SEED: presents the PIN (a wrong one costs a try) and logs out. */
  resetSeed(pin: SecretInput): Promise<void> {
    return this.exclusive(async () => {
      const bytes = credentialBytes(pin, 'PIN');
      try {
        await this.send('reset-seed', { ins: INS.resetSeed, p1: bytes.length, data: bytes });
      } finally {
        wipe(bytes);
      }
      this.markPinLost();
      this.setStatus({ ...this.status, seeded: false });
    });
  }

  /** Public key and chain code at an absolute path ("m/…"), checked against the authentikey. */
  exportExtendedPublicKey(path: string | KeyPath): Promise<ExtendedPublicKey> {
    return this.exclusive(() => this.extendedKeyNow(absolute(path)));
  }

  /** The uncompressed public key at an absolute path. */
  exportPublicKey(path: string | KeyPath): Promise<Uint8Array> {
    return this.exclusive(async () => (await this.extendedKeyNow(absolute(path))).publicKey);
  }

  /**
   * Derives `path` on the card (GET EXTENDED KEY), then SIGN TRANSACTION HASH with that key.
   * The result is low-S, with the recovery id found against the derived key.
   */
  sign(hash: Uint8Array, path: string | KeyPath): Promise<SignResult> {
    return this.exclusive(async () => {
      if (hash.length !== 32)
        throw new LifeboatError('invalid-input', 'A hash to sign is 32 bytes.');
      if (this.status.needs2fa)
        throw new LifeboatError(
          'not-supported',
          'This card asks a second device to approve each signature, which Lifeboat cannot do.',
        );
      const { publicKey } = await this.extendedKeyNow(absolute(path));
      const der = await this.send('sign-hash', {
        ins: INS.signHash,
        p1: DERIVED_KEY,
        data: hash,
      });
      const { r, s } = parseDerSignature(der);
      const low = s > N >> 1n ? N - s : s;
      const recoveryId = findRecoveryId(hash, r, low, publicKey);
      const rBytes = to32(r);
      const sBytes = to32(low);
      return {
        r: rBytes,
        s: sBytes,
        recoveryId,
        publicKey,
        signature65: concatBytes(rBytes, sBytes, Uint8Array.of(27 + recoveryId)),
      };
    });
  }

  private async extendedKeyNow(path: KeyPath): Promise<ExtendedPublicKey> {
    const authentikey = await this.authentikeyNow();
    const data = encodePath(path.indices);
    const command = { ins: INS.getExtendedKey, p1: path.indices.length, data };
    let answer: Uint8Array;
    try {
      answer = await this.send('get-extended-key', command);
    } catch (error) {
      // The card keeps derived keys in a small cache; when it is full it asks to empty it.
      if (!isLifeboatError(error, 'card-memory-full')) throw error;
      answer = await this.send('get-extended-key', { ...command, p2: RESET_CACHE });
    }
    return parseExtendedKey(answer, authentikey);
  }
}

function absolute(path: string | KeyPath): KeyPath {
  const keyPath = toKeyPath(path);
  if (keyPath.start !== 'master')
    throw new LifeboatError('invalid-path', 'A Satochip path starts at the master key ("m/…").');
  return keyPath;
}
