// `lifeboat wallet list`: the inventory (drills.json) as a person reads it: each remembered
// wallet, its cards and shares with their ids, which are lost, and when each was last drilled.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { WalletRecord } from '../../preload/api';
import { DrillStore } from '../cases/drills';
import { activeShareSet, lastMemberDrill } from '../cases/inventory';
import { dataDirOf } from './data-dir';
import type { CliIo } from './io';
import { EXIT, printResult } from './output';

export const walletListUsage = `Usage: lifeboat wallet list [--json] [--data-dir DIR]

Lists the remembered wallets: their ids and labels, the cards of each set and its shares (with
the ids and numbers "lifeboat wallet lost" takes), which are lost, and the last drill of each.`;

export function runWalletList(argv: string[], io: CliIo): number {
  const { values } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const wallets = new DrillStore(path.join(dataDirOf(values), 'drills.json')).list();
  printResult(io, values.json === true, { wallets }, () => inventoryText(wallets));
  return EXIT.ok;
}

function day(iso: string | undefined): string {
  return iso === undefined ? 'never' : iso.slice(0, 10);
}

/** The inventory in plain words, one block per wallet. */
export function inventoryText(wallets: readonly WalletRecord[]): string {
  if (wallets.length === 0) return 'Lifeboat remembers no wallet yet.';
  return wallets
    .map((wallet) => {
      const lines = [
        `"${wallet.label}"${wallet.state === 'making' ? ' (being made: not tested yet)' : ''}`,
        `  Id             ${wallet.walletId}`,
        `  First address  ${wallet.firstAddress}`,
      ];
      for (const member of wallet.members) {
        const drill = lastMemberDrill(wallet, member.memberId);
        lines.push(
          `  Card "${member.label}" (${member.family})${member.place ? `, kept ${member.place}` : ''}: ${
            member.lostAt
              ? `lost on ${day(member.lostAt)}`
              : `last drilled ${day(drill?.at)}${drill && !drill.passed ? ' (did NOT pass)' : ''}`
          }`,
          `      id ${member.memberId}`,
        );
      }
      const shares = activeShareSet(wallet);
      if (shares) {
        lines.push(
          `  Shares: any ${shares.groupThreshold} of ${shares.groups.length} group${shares.groups.length === 1 ? '' : 's'} (${shares.groups.map((g) => `${g.threshold} of ${g.count}`).join(', ')})`,
        );
        shares.shares.forEach((share, i) => {
          lines.push(
            `    ${i + 1}. "${share.label}"${share.place ? `, kept ${share.place}` : ''}${share.lostAt ? `: lost on ${day(share.lostAt)}` : ''}`,
          );
        });
      }
      if (wallet.phrase)
        lines.push(
          `  Phrase of ${wallet.phrase.words} words${wallet.phrase.place ? `, kept ${wallet.phrase.place}` : ''}${wallet.phrase.lostAt ? `: lost on ${day(wallet.phrase.lostAt)}` : ''}`,
        );
      return lines.join('\n');
    })
    .join('\n\n');
}
