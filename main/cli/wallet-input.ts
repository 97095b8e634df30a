// Where `lifeboat discover` and `lifeboat sweep` get keys for one run: a recovery phrase or
// Shamir shares read from standard input, or from a backup card, into a vault that lives as
// long as the command, or wallet cards in named readers (PIN from standard input). They
// resolve through the same source resolver as the console's, and are released when the
// command ends.
import type { SourceRef } from '../../preload/api';
import { seedFromRecovery } from '../secrets/recovery-input';
import { Vault } from '../secrets/vault';
import { SourceResolver } from '../sources/source-resolver';
import { kindOf } from './card-kind';
import type { CardSessions } from './card-unlock';
import { CliUsageError, type LineReader } from './io';

const OWNER = 'cli';

export class CliWallets {
  private readonly vault = new Vault();
  private cardSessions: CardSessions | undefined;
  readonly sources = new SourceResolver({
    cards: () => this.cardSessions?.cards,
    useSeed: (secretId, use) => this.vault.use(secretId, OWNER, use),
    secretKind: (secretId) => this.vault.info(secretId, OWNER).kind,
  });

  constructor(
    private readonly lines: LineReader,
    private readonly dataDir: string,
    /** Tells the person something on standard error, e.g. to swap in the next backup card. */
    private readonly tell: (text: string) => void,
  ) {}

  /**
   * The wallet: the card in `reader` (its PIN comes first on stdin), else a secret on stdin.
   * A backup card in `reader` gives the phrase or shares it keeps (`label` among several).
   */
  async source(reader: string | undefined, label?: string): Promise<SourceRef> {
    if (reader === undefined) return this.secret();
    const sessions = await this.sessions();
    if (kindOf((await sessions.open(reader)).info) === 'wallet') return this.card(reader);
    const { seedFromBackupCards } = await import('./backup-reading');
    const { seed, kind } = await seedFromBackupCards({
      sessions,
      lines: this.lines,
      tell: this.tell,
      readers: [reader],
      label,
    });
    return { kind: 'secret', secretId: this.vault.put(seed, { owner: OWNER, kind }) };
  }

  /** Opens, pairs and unlocks the wallet card in `reader`, reading its PIN from standard input. */
  async card(reader: string): Promise<SourceRef> {
    const sessions = await this.sessions();
    return { kind: 'card', sessionId: await sessions.unlock(reader, this.lines) };
  }

  /** Waits for the card in `reader` to be swapped for another one (see CardSessions.nextCard). */
  async nextCard(reader: string, ask: () => void): Promise<void> {
    const sessions = await this.sessions();
    ask();
    await sessions.nextCard(reader);
  }

  /** Whether a card source is still open (its card was not taken out since). */
  isOpen(source: SourceRef): boolean {
    if (source.kind !== 'card') return true;
    return this.cardSessions?.cards.list().some((s) => s.sessionId === source.sessionId) ?? false;
  }

  /**
   * Reads a recovery phrase or Shamir shares (one per line, ended by an empty line), then the
   * passphrase line, and keeps the rebuilt seed in the vault for this run only.
   */
  async secret(): Promise<SourceRef> {
    const entered: string[] = [];
    for (;;) {
      const line = await this.lines.read(
        entered.length === 0
          ? 'Recovery phrase, or Shamir shares one per line (empty line to finish): '
          : '',
        { secret: true },
      );
      if (line === undefined || line.trim() === '') break;
      entered.push(line);
    }
    if (entered.length === 0) {
      throw new CliUsageError('Expected a recovery phrase or Shamir shares on standard input.');
    }
    const passphrase =
      (await this.lines.read('Passphrase (empty for none): ', { secret: true })) ?? '';
    const { seed, kind } = await seedFromRecovery({ lines: entered, passphrase });
    return { kind: 'secret', secretId: this.vault.put(seed, { owner: OWNER, kind }) };
  }

  /** Checks the named readers are there before anything is shown or asked for. */
  async expectReaders(names: readonly string[]): Promise<void> {
    if (names.length > 0) await (await this.sessions()).expectReaders(names);
  }

  /** Lends the seed of a secret read in this run (see WalletSetsDeps.useSeed). */
  useSeed<T>(secretId: string, use: (seed: Uint8Array) => T): T {
    return this.vault.use(secretId, OWNER, use);
  }

  /** What a secret read in this run was rebuilt from (`slip39…` or `bip39…`). */
  secretKind(secretId: string): string {
    return this.vault.info(secretId, OWNER).kind;
  }

  private async sessions(): Promise<CardSessions> {
    if (!this.cardSessions) {
      const { cardSessions } = await import('./card-unlock');
      this.cardSessions = await cardSessions(this.dataDir);
    }
    return this.cardSessions;
  }

  /** Overwrites the secrets and closes the cards (the PC/SC layer resets them). */
  async close(): Promise<void> {
    this.vault.close();
    await this.cardSessions?.close();
  }
}
