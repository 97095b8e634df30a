// `lifeboat discover`: which accounts of a wallet were ever used, and what they hold, on the
// networks given with --rpc.
import { parseArgs } from 'node:util';
import { formatUnits } from 'ethers';
import type { DiscoveryResult } from '../../preload/api';
import {
  CHAIN_OPTIONS,
  CHAIN_OPTIONS_USAGE,
  recoveryService,
  chainSettings,
  networksOf,
  tokensOf,
  type ChainValues,
} from './chain-options';
import { CliWallets } from './wallet-input';
import { LineReader, type CliIo } from './io';
import { EXIT, printResult } from './output';

export const discoverUsage = `Usage: lifeboat discover --rpc NETWORK=URL [options]

Finds the accounts of a wallet that were ever used (a balance, a token or a transaction),
scanning each derivation scheme until --gap-limit unused addresses in a row. The wallet
comes from standard input: a BIP-39 phrase, or SLIP-39 shares one per line, then an empty
line, then the passphrase line (empty for none). With --from-reader NAME it is the Keycard in
that reader instead, and its PIN is read from standard input.

${CHAIN_OPTIONS_USAGE}`;

export async function runDiscover(argv: string[], io: CliIo): Promise<number> {
  const { values: parsed } = parseArgs({
    args: argv,
    options: { ...CHAIN_OPTIONS, 'from-reader': { type: 'string' } },
    strict: true,
  });
  const values: ChainValues = parsed;
  const json = values.json === true;
  const networks = networksOf(values);
  const settings = chainSettings(values);
  const lines = new LineReader(io);
  const wallets = new CliWallets(lines, settings.dataDir);
  try {
    const reader = values['from-reader'];
    const source = await wallets.source(typeof reader === 'string' ? reader : undefined);
    const tokens = await tokensOf(values, networks, (text) => io.stderr.write(`${text}\n`));
    const service = recoveryService(settings, networks, tokens, wallets.sources);
    const result = await service.discover({ source }, (p) => {
      if (!json) {
        io.stderr.write(`  ${p.networkId} ${p.scheme}: ${p.scanned} scanned, ${p.found} in use\n`);
      }
    });
    printResult(io, json, result, () => describe(result, networks));
    return EXIT.ok;
  } finally {
    lines.close();
    await wallets.close();
  }
}

function describe(result: DiscoveryResult, networks: { id: string; name: string }[]): string {
  const name = (id: string) => networks.find((n) => n.id === id)?.name ?? id;
  const { scanned } = result;
  const head = `Scanned ${scanned.addresses} addresses (${scanned.schemes.join(', ')}) on ${scanned.networkIds.map(name).join(', ')}, ${scanned.tokens} listed tokens.`;
  if (result.accounts.length === 0) return `${head}\nNo account of this wallet was ever used.`;
  const rows = result.accounts.map((a) => {
    const holdings = a.balances.flatMap((b) =>
      b.assets
        .filter((x) => x.balance !== '0' || x.asset === 'native')
        .map(
          (x) =>
            `      ${name(b.networkId)}: ${formatUnits(BigInt(x.balance), x.decimals)} ${x.symbol}` +
            (x.asset === 'native' ? ` (nonce ${b.nonce})` : ''),
        ),
    );
    return [`  ${a.address}  ${a.scheme} #${a.index}  ${a.path}`, ...holdings].join('\n');
  });
  return [head, `${result.accounts.length} account(s) in use:`, ...rows].join('\n');
}
