// The Satochip behind the card-family seam: a wallet card without pairing, loaded with a
// BIP-32 seed (a BIP-39 seed, or a SLIP-39 master secret: both are seeds), whose key UID is
// read once the PIN is verified, and whose factory reset takes five power-ups of the card.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { HDKey } from '@scure/bip32';
import type { CardCapability, CardStatus, SatochipInfo } from '../../../preload/api';
import { LifeboatError } from '../../errors';
import type { CardChannel } from '../channel';
import type { CardDriver, ReaderAccess, WalletKeys } from '../family';
import type { SecretInput } from '../secret-input';
import { AID } from '../toporin/apdu';
import { ToporinCard, toporinRules, versionText } from '../toporin/card';
import type { ToporinStatus } from '../toporin/status';
import type { ToporinTrust } from '../toporin/trust';
import { factoryResetSatochip } from './factory-reset';
import { SatochipSession } from './session';

export const SATOCHIP_RULES = toporinRules('locked');

/** The key UID of a wallet: SHA-256 of its uncompressed master public key. */
function keyUidOf(masterPublicKey: Uint8Array): Uint8Array {
  return sha256(secp256k1.Point.fromBytes(masterPublicKey).toBytes(false));
}

export function satochipDriver(trust: () => ToporinTrust): CardDriver {
  return {
    family: 'satochip',
    aids: [AID.satochip],
    open: async (channel: CardChannel, _selected, reader) =>
      new SatochipCard(await SatochipSession.selected(channel), trust, reader),
  };
}

class SatochipCard extends ToporinCard<SatochipSession> {
  readonly family = 'satochip';
  readonly keys: WalletKeys;
  private keyUid: Uint8Array | undefined;

  constructor(
    session: SatochipSession,
    trust: () => ToporinTrust,
    private readonly reader: ReaderAccess | undefined,
  ) {
    super(session, trust);
    this.keys = {
      exportPublicKey: (path) => this.session.exportPublicKey(path),
      exportExtendedPublicKey: (path) => this.session.exportExtendedPublicKey(path),
      sign: (digest, path) => this.session.sign(digest, path),
      importSeed: (seed) => this.importSeed(seed),
    };
  }

  get info(): SatochipInfo {
    const status = this.session.status;
    return {
      family: 'satochip',
      version: versionText(status),
      initialized: status.setupDone,
      ...(status.seeded ? { keyLoaded: true } : {}),
      ...(status.seeded && this.keyUid ? { keyUid: bytesToHex(this.keyUid) } : {}),
      rules: SATOCHIP_RULES,
      capabilities: this.capabilities(status),
    };
  }

  /** After the PIN, the wallet's key UID, which the card shows only to an unlocked session. */
  override async verifyPin(pin: SecretInput): Promise<void> {
    await super.verifyPin(pin);
    if (this.session.status.seeded && !this.keyUid) {
      const master = await this.session.exportPublicKey('m');
      this.keyUid = keyUidOf(master);
    }
  }

  async factoryReset(): Promise<void> {
    if (!this.reader)
      throw new LifeboatError('not-supported', 'This card cannot be reset here.', {
        capability: 'factory-reset',
      });
    const { reconnect } = this.reader;
    // Each of the five rounds is the first command after a power-up, which closing gives.
    await this.session.close();
    this.replaced(await factoryResetSatochip(reconnect));
    this.keyUid = undefined;
  }

  protected cardStatus(status: ToporinStatus): CardStatus {
    return { pinTries: status.pinTries, pukTries: status.pukTries, keyInitialized: status.seeded };
  }

  private capabilities(status: ToporinStatus): CardCapability[] {
    const always: CardCapability[] = ['attest', 'accounts', 'import-seed', 'change-pin', 'unblock'];
    return [
      ...always,
      // A card that asks a second device to approve each signature cannot sign here.
      ...(status.needs2fa ? [] : (['sign'] as const)),
      ...(this.reader ? (['factory-reset'] as const) : []),
    ];
  }

  /**
   * The applet takes the seed itself; it refuses a second one (RESET SEED needs the PIN
   * again), so a card that holds a wallet has to be reset before another is loaded.
   */
  private async importSeed(seed: Uint8Array): Promise<Uint8Array> {
    if (this.session.status.seeded)
      throw new LifeboatError(
        'key-present',
        'This Satochip already holds a wallet. Factory-reset it before loading another one.',
      );
    await this.session.importSeed(seed);
    const master = HDKey.fromMasterSeed(seed);
    try {
      this.keyUid = keyUidOf(master.publicKey!);
    } finally {
      master.wipePrivateData();
    }
    return this.keyUid.slice();
  }
}
