// The Seedkeeper behind the card-family seam: a backup card, with no wallet accounts, that
// keeps labelled secrets under its PIN. It speaks the seam's secrets (bytes the holder wipes)
// and stores them in the layouts of secret-layouts.ts. It has no reset command: its last
// wrong PUK erases it, which the rules say (`pukExhausted: 'wiped'`).
import type { CardCapability, CardStatus, SeedkeeperInfo } from '../../../preload/api';
import { LifeboatError } from '../../errors';
import type { CardChannel } from '../channel';
import type { BackupSecret, BackupSecretHeader, BackupSecrets, CardDriver } from '../family';
import { AID } from '../toporin/apdu';
import { ToporinCard, toporinRules, versionText } from '../toporin/card';
import type { ToporinStatus } from '../toporin/status';
import type { ToporinTrust } from '../toporin/trust';
import { SECRET_TYPE, SUBTYPE, type SecretHeader } from './header';
import type { BackupSecret as StoredSecret } from './secret-layouts';
import { SeedkeeperSession } from './session';

export const SEEDKEEPER_RULES = toporinRules('wiped');

const CAPABILITIES: readonly CardCapability[] = [
  'attest',
  'change-pin',
  'unblock',
  'backup-secrets',
];

const utf8 = new TextEncoder();
const text = new TextDecoder();

export function seedkeeperDriver(trust: () => ToporinTrust): CardDriver {
  return {
    family: 'seedkeeper',
    aids: [AID.seedkeeper],
    open: async (channel: CardChannel) =>
      new SeedkeeperCard(await SeedkeeperSession.selected(channel), trust),
  };
}

/** The kind of a stored secret, from its header alone. */
function kindOf(header: SecretHeader): BackupSecretHeader['kind'] {
  if (header.type === SECRET_TYPE.masterseed)
    return header.subtype === SUBTYPE.bip39 ? 'bip39' : 'master-seed';
  if (header.type === SECRET_TYPE.bip39Mnemonic) return 'bip39';
  if (header.type === SECRET_TYPE.shamirShare) return 'slip39-share';
  return 'other';
}

function headerView(header: SecretHeader): BackupSecretHeader {
  return {
    id: header.id,
    label: header.label,
    kind: kindOf(header),
    fingerprint: header.fingerprint,
    exportable: header.exportRights === 'plain',
  };
}

function toStored(secret: BackupSecret): StoredSecret {
  switch (secret.kind) {
    case 'bip39':
      return {
        kind: 'bip39',
        phrase: text.decode(secret.phrase),
        passphrase: text.decode(secret.passphrase),
      };
    case 'master-seed':
      return { kind: 'masterseed', seed: secret.seed };
    case 'slip39-share':
      return { kind: 'slip39-share', share: text.decode(secret.share) };
  }
}

function fromStored(secret: StoredSecret): BackupSecret {
  switch (secret.kind) {
    case 'bip39':
      return {
        kind: 'bip39',
        phrase: utf8.encode(secret.phrase),
        passphrase: utf8.encode(secret.passphrase),
      };
    case 'masterseed':
      return { kind: 'master-seed', seed: secret.seed };
    case 'slip39-share':
      return { kind: 'slip39-share', share: utf8.encode(secret.share) };
  }
}

class SeedkeeperCard extends ToporinCard<SeedkeeperSession> {
  readonly family = 'seedkeeper';
  readonly backupSecrets: BackupSecrets;

  constructor(session: SeedkeeperSession, trust: () => ToporinTrust) {
    super(session, trust);
    this.backupSecrets = {
      list: async () => (await this.session.listSecrets()).map(headerView),
      store: (label, secret, { exportable }) => this.store(label, secret, exportable),
      read: async (id) => fromStored((await this.session.readSecret(id)).secret),
    };
  }

  get info(): SeedkeeperInfo {
    const status = this.session.status;
    return {
      family: 'seedkeeper',
      version: versionText(status),
      initialized: status.setupDone,
      rules: SEEDKEEPER_RULES,
      capabilities: [...CAPABILITIES],
    };
  }

  async factoryReset(): Promise<void> {
    throw new LifeboatError(
      'not-supported',
      'A Seedkeeper has no factory reset: it erases itself only when its last PUK try is used.',
      { capability: 'factory-reset' },
    );
  }

  /** A backup card holds no wallet key: its secrets are not one. */
  protected cardStatus(status: ToporinStatus): CardStatus {
    return { pinTries: status.pinTries, pukTries: status.pukTries, keyInitialized: false };
  }

  /** The header of the stored secret is what was sent, with the card's id and fingerprint. */
  private async store(
    label: string,
    secret: BackupSecret,
    exportable: boolean,
  ): Promise<BackupSecretHeader> {
    const stored = await this.session.storeSecret(toStored(secret), {
      label,
      exportRights: exportable ? 'plain' : 'encrypted-only',
    });
    return { id: stored.id, label, kind: secret.kind, fingerprint: stored.fingerprint, exportable };
  }
}
