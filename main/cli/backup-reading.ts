// Reading what backup cards keep into a wallet seed for one command: the phrase of one card
// (with the passphrase kept beside it) or its bare seed, or Shamir shares gathered card by
// card — each reader named in turn, then cards swapped into the last one — and combined with
// the Shamir passphrase, read last. Shares and bytes read are overwritten on the way.
import type { BackupSecret, BackupSecretHeader } from '../cards/family';
import { wipeBackupSecret } from '../cards/family';
import { LifeboatError } from '../errors';
import { bip39Seed } from '../secrets/bip39';
import { shareProblemError } from '../secrets/problem';
import { ShareSet } from '../secrets/share-set';
import type { CardSessions } from './card-unlock';
import { CliUsageError, type LineReader } from './io';

export const KIND_TEXT: Record<BackupSecretHeader['kind'], string> = {
  bip39: 'recovery phrase',
  'master-seed': 'wallet seed',
  'slip39-share': 'Shamir share',
  other: 'another kind of secret',
};

export interface BackupReading {
  sessions: CardSessions;
  lines: LineReader;
  /** Tells the person, on standard error, to swap in the next card. */
  tell: (text: string) => void;
  /** The readers holding backup cards, read in this order; swaps go into the last one. */
  readers: readonly string[];
  /** The label of the secret, needed when a card keeps several. */
  label: string | undefined;
}

export interface BackupSeed {
  /** What the seed was rebuilt from, as the vault names it. */
  kind: 'bip39' | 'slip39' | 'seed';
  /** The BIP-32 seed; the caller overwrites it (or hands it to a vault). */
  seed: Uint8Array;
}

/** The secret labelled `label`, or the only one the card keeps. */
export function chooseSecret(
  headers: readonly BackupSecretHeader[],
  label: string | undefined,
  reader: string,
): BackupSecretHeader {
  const labels = headers.map((h) => `"${h.label}"`).join(', ');
  if (label === undefined) {
    if (headers.length === 1) return headers[0]!;
    throw new CliUsageError(
      headers.length === 0
        ? `The backup card in ${reader} keeps nothing.`
        : `The backup card in ${reader} keeps several secrets (${labels}); choose one with --label.`,
    );
  }
  const found = headers.filter((h) => h.label === label);
  if (found.length === 1) return found[0]!;
  throw new LifeboatError(
    'card-secret-not-found',
    found.length === 0
      ? `The backup card in ${reader} keeps nothing labelled "${label}"${headers.length > 0 ? `; it keeps ${labels}` : ''}.`
      : `The backup card in ${reader} keeps several secrets labelled "${label}".`,
    { reader, label },
  );
}

/** The seed of a phrase (with its stored passphrase) or a bare seed, read off one card. */
async function seedOf(
  secret: Exclude<BackupSecret, { kind: 'slip39-share' }>,
): Promise<BackupSeed> {
  if (secret.kind === 'master-seed') return { kind: 'seed', seed: secret.seed.slice() };
  const text = new TextDecoder();
  const seed = await bip39Seed(text.decode(secret.phrase), text.decode(secret.passphrase));
  return { kind: 'bip39', seed };
}

export async function seedFromBackupCards(reading: BackupReading): Promise<BackupSeed> {
  const { sessions, lines } = reading;
  const queue = [...reading.readers];
  let reader = queue.shift();
  if (reader === undefined) throw new CliUsageError('Name the reader of the backup card.');
  const shares = new ShareSet();
  try {
    for (let card = 0; ; card += 1) {
      const sessionId = await sessions.unlock(reader, lines, 'backup');
      const header = chooseSecret(
        await sessions.cards.listBackups(sessionId),
        reading.label,
        reader,
      );
      const secret = await sessions.cards.readBackup(sessionId, header.id);
      try {
        if (secret.kind !== 'slip39-share') {
          if (card > 0)
            throw new LifeboatError(
              'wrong-input-kind',
              `The backup card in ${reader} keeps a ${KIND_TEXT[header.kind]}, not a share of this backup.`,
            );
          return await seedOf(secret);
        }
        const { problem } = shares.add(new TextDecoder().decode(secret.share));
        if (problem && problem.code !== 'share-not-needed') throw shareProblemError(problem, card);
      } finally {
        wipeBackupSecret(secret);
      }
      const progress = shares.progress();
      if (progress.complete) break;
      const next = queue.shift();
      if (next !== undefined) {
        reader = next;
        continue;
      }
      const read = progress.sharesEntered;
      reading.tell(
        `${read} ${read === 1 ? 'share' : 'shares'} read; the backup needs more. Take the card out of ${reader} and put the next backup card in.`,
      );
      await sessions.nextCard(reader, sessionId);
    }
    const passphrase =
      (await lines.read('Shamir passphrase (empty for none): ', { secret: true })) ?? '';
    return { kind: 'slip39', seed: await shares.combine(passphrase) };
  } finally {
    shares.wipe();
  }
}
