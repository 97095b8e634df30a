// `lifeboat sweep plan|execute|resume|report|list`: move everything from a wallet (a
// recovery phrase, Shamir shares or a card) to a new address, ERC-20 tokens first and the
// native coin last, to the exact wei where the network allows it. Every run is a recovery
// case on disk that survives a crash and resumes without signing or sending anything twice.
import { parseArgs } from 'node:util';
import { formatUnits, getAddress, parseUnits } from 'ethers';
import type {
  CaseView,
  Destination,
  SourceRef,
  SweepEvent,
  SweepPlanView,
} from '../../preload/api';
import type { RecoveryService } from '../recovery/recovery-service';
import { assertRecipient } from '../chain/destination';
import type { Network } from '../chain/networks';
import type { Token } from '../chain/tokens';
import type { CaseRecord } from '../cases/case-record';
import { warningText } from '../cases/warning-text';
import { LifeboatError } from '../errors';
import {
  CHAIN_OPTIONS,
  CHAIN_OPTIONS_USAGE,
  recoveryService,
  chainSettings,
  integerOption,
  networksOf,
  tokensOf,
  type ChainSettings,
  type ChainValues,
} from './chain-options';
import { CliWallets } from './wallet-input';
import { dataDirOf } from './data-dir';
import { printCaseOutcome } from './case-outcome';
import { CliUsageError, LineReader, type CliIo } from './io';
import { EXIT, printResult } from './output';

export const sweepUsage = `Usage: lifeboat sweep <plan|execute|resume|report|list> [options]

  plan      discover the wallet's accounts and show what a sweep would do
  execute   plan, show, ask for confirmation (or --yes), then sign and send step by step
  resume    continue an interrupted or paused case: --case ID (the wallet is read again)
  report    the report of a case: --case ID (no network needed)
  list      the cases that are not finished

The wallet comes from standard input: a BIP-39 phrase, or SLIP-39 shares one per line, then an
empty line, then the passphrase line (empty for none). With --from-reader NAME it is the
wallet card (Keycard, Satochip) in that reader instead, and its PIN is read from standard input
first. A backup card (Seedkeeper) there gives the phrase or the Shamir shares it keeps: its PIN
is read, then for shares more cards are asked for, then the Shamir passphrase; --label LABEL
chooses the secret when the card keeps several.

Destination:
  --to ADDRESS          the address that receives everything
  --to-reader NAME      the first account (m/44'/60'/0'/0/0) of the wallet card in that reader;
                        its PIN is read after the source. Needed for --top-up.
Sweep:
  --fee-cap GWEI        the highest fee per gas you accept (default: 3 × today's quote);
                        with resume, raises the cap of a case that paused for the fee
  --top-up              when an account holds tokens but too little for gas, let the
                        destination (--to-reader) send it the gas first
  --accounts ADDR,...   sweep only these accounts (default: every account found in use)
  --yes                 do not ask before signing
  --confirmations N     blocks that make a step final (default 1)
  --poll-interval MS    how often to check for inclusion (default 1000)
  --case ID             the case to resume or report

${CHAIN_OPTIONS_USAGE}`;

const OPTIONS = {
  ...CHAIN_OPTIONS,
  to: { type: 'string' },
  'to-reader': { type: 'string' },
  'from-reader': { type: 'string' },
  label: { type: 'string' },
  'fee-cap': { type: 'string' },
  'top-up': { type: 'boolean', default: false },
  accounts: { type: 'string', multiple: true },
  yes: { type: 'boolean', default: false },
  confirmations: { type: 'string' },
  'poll-interval': { type: 'string' },
  case: { type: 'string' },
} as const;

type Subcommand = 'plan' | 'execute' | 'resume' | 'report' | 'list';
const SUBCOMMANDS: readonly Subcommand[] = ['plan', 'execute', 'resume', 'report', 'list'];

export async function runSweep(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stdout.write(`${sweepUsage}\n`);
    return EXIT.usage;
  }
  if (!SUBCOMMANDS.includes(name as Subcommand)) {
    throw new CliUsageError(`Unknown sweep command "${name}".\n\n${sweepUsage}`);
  }
  const { values: parsed } = parseArgs({ args: rest, options: OPTIONS, strict: true });
  const values: ChainValues = parsed;
  const run = new SweepRun(io, values);
  try {
    return await run.dispatch(name as Subcommand);
  } finally {
    await run.close();
  }
}

class SweepRun {
  private readonly json: boolean;
  private readonly lines: LineReader;
  private readonly wallets: CliWallets;
  private readonly settings: ChainSettings;

  constructor(
    private readonly io: CliIo,
    private readonly values: ChainValues,
  ) {
    this.json = values.json === true;
    const confirmations = integerOption(values, 'confirmations', 1);
    if (confirmations < 1) throw new CliUsageError('--confirmations is at least 1.');
    const pollMs =
      values['poll-interval'] === undefined ? undefined : integerOption(values, 'poll-interval', 0);
    if (pollMs === 0) throw new CliUsageError('--poll-interval is at least 1 ms.');
    this.settings = chainSettings(values, {
      ...(pollMs === undefined ? {} : { pollMs }),
      confirmations,
      ...feeCapOf(values),
    });
    this.lines = new LineReader(io);
    this.wallets = new CliWallets(this.lines, this.settings.dataDir, (text) =>
      io.stderr.write(`${text}\n`),
    );
  }

  async close(): Promise<void> {
    this.lines.close();
    await this.wallets.close();
  }

  dispatch(name: Subcommand): Promise<number> {
    switch (name) {
      case 'plan':
        return this.plan(false);
      case 'execute':
        return this.plan(true);
      case 'resume':
        return this.resume();
      case 'report':
        return this.report();
      case 'list':
        return this.list();
    }
  }

  private service(networks: Network[], tokens: Record<string, Token[]>): RecoveryService {
    return recoveryService(this.settings, networks, tokens, this.wallets.sources);
  }

  /** The wallet being swept: the card named by --from-reader, or a secret on stdin. */
  private source(): Promise<SourceRef> {
    const reader = this.values['from-reader'];
    const label = this.values.label;
    return this.wallets.source(
      typeof reader === 'string' ? reader : undefined,
      typeof label === 'string' ? label : undefined,
    );
  }

  /**
   * Where the funds go, checked before anything is read: an address, or a card to unlock
   * once the source is open (its PIN follows the source's lines on standard input).
   */
  private destination(): () => Promise<Destination> {
    const to = this.values.to;
    const reader = this.values['to-reader'];
    if (typeof to === 'string' && typeof reader === 'string') {
      throw new CliUsageError('Give either --to or --to-reader, not both.');
    }
    if (typeof reader === 'string') {
      return () => this.wallets.card(reader);
    }
    if (typeof to === 'string') {
      const address = checkedAddress(to);
      return async () => ({ kind: 'address', address });
    }
    throw new CliUsageError('Say where the funds go: --to ADDRESS or --to-reader NAME.');
  }

  private notice(text: string): void {
    if (!this.json) this.io.stderr.write(`${text}\n`);
  }

  private async plan(execute: boolean): Promise<number> {
    const networks = networksOf(this.values);
    const openDestination = this.destination();
    if (this.values['top-up'] === true && typeof this.values['to-reader'] !== 'string') {
      throw new CliUsageError('--top-up pays gas from the destination, so it needs --to-reader.');
    }
    const source = await this.source();
    const destination = await openDestination();
    const tokens = await tokensOf(this.values, networks, (t) => this.io.stderr.write(`${t}\n`));
    const service = this.service(networks, tokens);
    const discovery = await service.discover({ source }, (p) =>
      this.notice(`  ${p.networkId} ${p.scheme}: ${p.scanned} scanned, ${p.found} in use`),
    );
    const accounts = this.values.accounts;
    const plan = await service.plan({
      discoveryId: discovery.discoveryId,
      destination,
      allowTopUp: this.values['top-up'] === true,
      ...(Array.isArray(accounts)
        ? { addresses: accounts.flatMap((a) => a.split(',')).map((a) => a.trim()) }
        : {}),
    });
    const text = planText(plan, networks);
    if (!execute) {
      printResult(this.io, this.json, { plan }, () => text);
      return EXIT.ok;
    }
    if (plan.steps.length === 0) {
      this.notice(text);
      throw new LifeboatError(
        'nothing-to-move',
        'Funds were found, but none of them can be moved (see the notes of the plan).',
      );
    }
    if (this.values.yes !== true) {
      this.io.stderr.write(`${text}\n\n`);
      const answer = await this.lines.read('Type "yes" to sign and send these transactions: ');
      if (answer?.trim().toLowerCase() !== 'yes') {
        throw new LifeboatError('confirmation-required', 'Nothing was signed or sent.');
      }
    } else if (!this.json) {
      this.io.stderr.write(`${text}\n\n`);
    }
    const started = await service.execute(plan.planId, (e) => this.progress(e));
    this.notice(`Case ${started.caseId} (kept in ${dataDirOf(this.values)})`);
    return this.finish(service, await started.done);
  }

  private async resume(): Promise<number> {
    const caseId = this.caseId();
    const networks = networksOf(this.values);
    const source = await this.source();
    const reader = this.values['to-reader'];
    const destination = typeof reader === 'string' ? await this.wallets.card(reader) : undefined;
    const service = this.service(networks, {});
    const started = await service.resume(
      caseId,
      source,
      (e) => this.progress(e),
      destination,
      this.settings.maxFeePerGas,
    );
    return this.finish(service, await started.done);
  }

  private async report(): Promise<number> {
    const service = this.service([], {});
    const report = service.report(this.caseId());
    printResult(this.io, this.json, report, () => report.text);
    return EXIT.ok;
  }

  private async list(): Promise<number> {
    const cases = this.service([], {}).unfinished();
    printResult(this.io, this.json, { cases }, () => listText(cases));
    return EXIT.ok;
  }

  private caseId(): string {
    const caseId = this.values.case;
    if (typeof caseId !== 'string') throw new CliUsageError('Name the case: --case ID.');
    return caseId;
  }

  private progress(event: SweepEvent): void {
    if (this.json || event.type !== 'step') return;
    const { step } = event;
    this.io.stderr.write(
      `  step ${step.index + 1}: ${step.state}${step.txHash ? ` ${step.txHash}` : ''}${step.blockNumber === undefined ? '' : ` (block ${step.blockNumber})`}\n`,
    );
  }

  /** Prints the outcome: the plan, each step with its hash, and what is left per asset. */
  private finish(service: RecoveryService, record: CaseRecord): number {
    return printCaseOutcome(this.io, this.json, record, service.report(record.caseId), {
      continueWith: `lifeboat sweep resume --case ${record.caseId} …`,
    });
  }
}

function planText(plan: SweepPlanView, networks: readonly Network[]): string {
  const name = (id: string) => networks.find((n) => n.id === id)?.name ?? id;
  const coin = (value: string, decimals: number, symbol: string) =>
    `${formatUnits(BigInt(value), decimals)} ${symbol}`;
  const lines = [`Sweep plan to ${plan.destination}`];
  if (plan.steps.length === 0) lines.push('  (no transactions)');
  for (const s of plan.steps) {
    const network = networks.find((n) => n.id === s.networkId);
    lines.push(
      `  ${s.index + 1}. ${name(s.networkId)}: ${s.kind === 'top-up' ? 'gas top-up' : s.kind} ${coin(s.amount, s.decimals, s.symbol)}${s.kind === 'native' ? ' (all that is left after fees)' : ''}\n` +
        `     ${s.from} → ${s.to}; fee at most ${coin(s.fee.maxCost, network?.decimals ?? 18, network?.nativeSymbol ?? '')}` +
        ` (${formatUnits(BigInt(s.fee.maxFeePerGas), 'gwei')} gwei × ${s.fee.gasLimit} gas${s.fee.l1Fee ? ` + L1 fee reserve ${s.fee.l1Fee} wei` : ''})`,
    );
  }
  lines.push('Expected to remain:');
  for (const a of plan.assets) {
    lines.push(
      `  ${name(a.networkId)} ${a.account}: ${coin(a.expectedRemainder, a.decimals, a.symbol)} (moves ${coin(a.moved, a.decimals, a.symbol)})`,
    );
  }
  for (const f of plan.totalFees) {
    lines.push(
      `Fees on ${name(f.networkId)}: at most ${coin(f.maxCost, f.decimals, f.symbol)} at today's ${gwei(f.maxFeePerGas)} gwei per gas.\n` +
        `  Fee cap: ${gwei(f.cap)} gwei per gas (--fee-cap): nothing is signed above it, so fees stay under ${coin(f.maxCostAtCap, f.decimals, f.symbol)} even if the fee rises.`,
    );
  }
  for (const w of plan.warnings) lines.push(`Note: ${warningText(w, name(w.networkId))}`);
  return lines.join('\n');
}

function gwei(wei: string): string {
  return formatUnits(BigInt(wei), 'gwei').replace(/\.0$/, '');
}

function listText(cases: CaseView[]): string {
  if (cases.length === 0) return 'No unfinished cases.';
  return cases
    .map((c) => {
      const done = c.steps.filter((s) => s.state === 'confirmed').length;
      return `${c.caseId}  ${c.state}  ${done}/${c.steps.length} steps  to ${c.plan.destination}`;
    })
    .join('\n');
}

function checkedAddress(value: string): string {
  let address: string;
  try {
    address = getAddress(value.trim());
  } catch {
    throw new LifeboatError('invalid-address', `"${value}" is not a valid address.`, {
      field: 'to',
    });
  }
  assertRecipient(address, [], 'to');
  return address;
}

function feeCapOf(values: ChainValues): { maxFeePerGas?: bigint } {
  const feeCap = values['fee-cap'];
  if (typeof feeCap !== 'string') return {};
  try {
    return { maxFeePerGas: parseUnits(feeCap, 'gwei') };
  } catch {
    throw new CliUsageError('--fee-cap is a number of gwei, e.g. 30 or 0.5.');
  }
}
