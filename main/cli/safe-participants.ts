// The owners, signers and payer named on a `lifeboat safe` command line, opened in the order
// the command needs them, each reading its secret from standard input when it is opened:
// `reader:NAME` is the card in that reader (its PIN), `phrase` a recovery phrase or Shamir
// shares (then the passphrase line), `address:0x…` someone else's key (owners only). One
// reader may serve several cards: the command asks for the next one and waits for it.
import { getAddress } from 'ethers';
import type { SourceRef } from '../../preload/api';
import { LifeboatError, isLifeboatError } from '../errors';
import { firstAccount } from '../sources/owner-signer';
import { CliUsageError } from './io';
import type { CliWallets } from './wallet-input';

export type Participant =
  { kind: 'reader'; reader: string } | { kind: 'phrase' } | { kind: 'address'; address: string };

export function parseParticipant(
  value: string,
  option: string,
  allowAddress: boolean,
): Participant {
  if (value === 'phrase') return { kind: 'phrase' };
  const reader = /^reader:(.+)$/.exec(value);
  if (reader) return { kind: 'reader', reader: reader[1]! };
  const address = /^address:(.+)$/.exec(value);
  if (address && allowAddress) {
    try {
      return { kind: 'address', address: getAddress(address[1]!.trim()) };
    } catch {
      throw new LifeboatError('invalid-address', `"${address[1]}" is not a valid address.`, {
        field: option,
      });
    }
  }
  throw new CliUsageError(
    `--${option} takes reader:NAME or phrase${allowAddress ? ' or address:0x…' : ''}, not "${value}".`,
  );
}

export function sameParticipant(a: Participant, b: Participant): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface Opened {
  participant: Participant;
  source: SourceRef;
  /** The first account of the card or wallet. */
  address: string;
}

export class Participants {
  /** Per reader: the source whose card is in it now. */
  private readonly inReader = new Map<string, SourceRef>();

  constructor(
    private readonly wallets: CliWallets,
    private readonly notice: (text: string) => void,
  ) {}

  /** A misspelt reader is said before a change is previewed or anything is signed. */
  expectReaders(participants: readonly Participant[]): Promise<void> {
    return this.wallets.expectReaders(
      participants.flatMap((p) => (p.kind === 'reader' ? [p.reader] : [])),
    );
  }

  /** Opens a card or wallet; a card comes after the one last used in its reader. */
  async open(
    participant: Exclude<Participant, { kind: 'address' }>,
    label: string,
  ): Promise<Opened> {
    if (participant.kind === 'phrase') {
      return this.opened(participant, await this.wallets.secret());
    }
    const { reader } = participant;
    if (this.inReader.has(reader)) {
      await this.wallets.nextCard(reader, () =>
        this.notice(`Take the card out of "${reader}" and insert ${label}.`),
      );
    }
    return this.opened(participant, await this.card(reader));
  }

  /** The same card or wallet again: a card that has left its reader since is asked back for. */
  async again(opened: Opened): Promise<Opened> {
    if (this.wallets.isOpen(opened.source) || opened.participant.kind !== 'reader') return opened;
    const { reader } = opened.participant;
    await this.wallets.nextCard(reader, () =>
      this.notice(`Put the card of ${opened.address} back into "${reader}".`),
    );
    const again = await this.opened(opened.participant, await this.card(reader));
    if (again.address !== opened.address) {
      throw new LifeboatError(
        'signer-mismatch',
        `The card in "${reader}" holds ${again.address}, not ${opened.address}.`,
        { expected: opened.address, offered: again.address },
      );
    }
    return again;
  }

  /** Names the card in a not-an-owner refusal, so the person knows which one it was. */
  static named(error: unknown, opened: Opened, safe: string): unknown {
    if (!isLifeboatError(error, 'not-an-owner')) return error;
    const what =
      opened.participant.kind === 'reader'
        ? `The card in "${opened.participant.reader}"`
        : 'The recovery phrase or shares';
    return new LifeboatError(
      'not-an-owner',
      `${what} (first account ${opened.address}) is not an owner of the Safe ${safe}. Nothing was signed with it.`,
      { ...error.details, address: opened.address },
    );
  }

  private async card(reader: string): Promise<SourceRef> {
    const source = await this.wallets.card(reader);
    this.inReader.set(reader, source);
    return source;
  }

  private async opened(participant: Participant, source: SourceRef): Promise<Opened> {
    const { address } = await firstAccount(this.wallets.sources.access(source));
    return { participant, source, address };
  }
}
