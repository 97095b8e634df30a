// window.lifeboat.backups: a backup card's secrets meet the rebuilt secrets within main. A
// phrase or share read from the card goes straight into the secrets service, so the console
// learns only the wallet's fingerprint and addresses; a rebuilt phrase or share goes from
// the secrets service straight onto the card. The bytes are overwritten on the way.
import type { CardService } from '../cards/card-service';
import { wipeBackupSecret, type BackupSecret } from '../cards/family';
import { LifeboatError } from '../errors';
import type { SecretsService } from '../secrets/secrets-service';
import type { Handlers } from './contract';

const text = new TextDecoder();

/** Reads secret `id` off the card for `use`, which must not keep it, then wipes it. */
async function withBackup<T>(
  cards: CardService,
  sessionId: string,
  id: number,
  use: (secret: BackupSecret) => Promise<T> | T,
): Promise<T> {
  const secret = await cards.readBackup(sessionId, id);
  try {
    return await use(secret);
  } finally {
    wipeBackupSecret(secret);
  }
}

export function backupHandlers(cards: CardService, secrets: SecretsService): Handlers['backups'] {
  return {
    list: ({ sessionId }) => cards.listBackups(sessionId),
    open: ({ sessionId, id }) =>
      withBackup(cards, sessionId, id, (secret) => {
        if (secret.kind === 'slip39-share')
          throw new LifeboatError(
            'wrong-input-kind',
            'This is one Shamir share: add it to the shares of its backup.',
          );
        if (secret.kind === 'master-seed')
          throw new LifeboatError(
            'not-supported',
            'This is a bare wallet seed without its recovery phrase, which the console does not open; "lifeboat backup open" does.',
          );
        return secrets.enterPhrase(text.decode(secret.phrase), text.decode(secret.passphrase));
      }),
    addShare: ({ sessionId, id, shareSetId }) =>
      withBackup(cards, sessionId, id, (secret) => {
        if (secret.kind !== 'slip39-share')
          throw new LifeboatError(
            'wrong-input-kind',
            'This is not a Shamir share: open it as a recovery phrase.',
          );
        return secrets.addShare(shareSetId, text.decode(secret.share));
      }),
    store: async ({ sessionId, secretId, label, plainExport, share }) => {
      const backup = secrets.backupOf(secretId, share);
      try {
        return await cards.storeBackup(sessionId, label, backup, { exportable: plainExport });
      } finally {
        wipeBackupSecret(backup);
      }
    },
  };
}
