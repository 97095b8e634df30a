// `lifeboat safe create|show|sweep` and the changes of owners and threshold: shared wallets
// (Safe v1.5.0) whose owners are cards, rebuilt wallets and other people's addresses, signed
// at the desk with the owners' cards one after another. The same service as the console's;
// every sweep is a recovery case on disk that resumes (`--case ID`) without asking an owner
// to sign twice.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatUnits, getAddress, parseUnits } from 'ethers';
import type { SafeView, SweepEvent, SweepPlanView } from '../../preload/api';
import { RememberedSafes } from '../cases/remembered-safes';
import type { CaseRecord } from '../cases/case-record';
import { caseReport, caseView } from '../cases/case-views';
import { warningText } from '../cases/warning-text';
import { assertRecipient } from '../chain/destination';
import { assertThreshold } from '../chain/safe/owners';
import type { Network } from '../chain/networks';
import type { Token } from '../chain/tokens';
import { LifeboatError } from '../errors';
import { SafeService } from '../recovery/safe-service';
import {
  CHAIN_OPTIONS,
  CHAIN_OPTIONS_USAGE,
  chainSettings,
  integerOption,
  networksOf,
  tokensOf,
  type ChainSettings,
  type ChainValues,
} from './chain-options';
import { printCaseOutcome } from './case-outcome';
import { CliUsageError, LineReader, type CliIo } from './io';
import { EXIT, printResult } from './output';
import {
  Participants,
  parseParticipant,
  sameParticipant,
  type Opened,
  type Participant,
} from './safe-participants';
import {
  OWNER_CHANGE_COMMANDS,
  ownerChangeAction,
  ownerChangeDone,
  ownerChangePreview,
  ownerChangeRequest,
  type OwnerChangeCommand,
} from './safe-owner-change';
import { CliWallets } from './wallet-input';

export const safeUsage = `Usage: lifeboat safe <command> --rpc NETWORK=URL [options]

A Safe (v1.5.0) is a shared wallet: it moves funds only when K of its N owners sign. Its
owners here are cards in readers, recovery phrases or Shamir shares, or other people's
addresses. Secrets come from standard input, one per line, in the order the owners or
signers are named: a card's PIN, or for "phrase" the phrase (or shares one per line, then
an empty line) and the passphrase line. One reader is enough: name it for several cards and
the command asks for each card in turn.

Commands:

  create          deploy a new Safe; prints its address ("safe" with --json)
    --owner reader:NAME|phrase|address:0x…   an owner (repeatable); a card or wallet owns
                  with its first account (m/44'/60'/0'/0/0)
    --threshold K how many owners must sign (1 to the number of owners)
  show            owners, threshold, nonce and balances of a Safe
    --safe ADDRESS
    --signer reader:NAME|phrase   (optional, repeatable) marks the owners it holds
  sweep           move everything the Safe holds (tokens, then all of the native coin) to
                  --to ADDRESS, signed by --signer reader:NAME|phrase (repeat until K owners
                  sign); --case ID continues a sweep that stopped
  replace-owner   replace a lost owner: --old ADDRESS --new ADDRESS, signed by --signer …
  add-owner       add an owner: --owner ADDRESS [--threshold K], signed by --signer …;
                  without --threshold the Safe keeps needing as many signatures as now
  remove-owner    remove an owner: --owner ADDRESS [--threshold K], signed by --signer …;
                  without --threshold the number needed is kept, or lowered to the
                  owners left when fewer remain. The only owner cannot be removed.
  change-threshold   how many owners must sign from now on: --threshold K (1 to the
                  number of owners), signed by --signer …
  Each change shows the owners and the signatures needed before and after, and asks
  before anyone signs. The owners who sign are the owners of the Safe as it is now.

Payment:
  --payer reader:NAME|phrase   who sends the transactions and pays their gas (its first
                  account); by default the first signer (for create, the first owner that
                  is a card or wallet). The Safe itself pays nothing. A payer that is none of
                  the signers reads its secret first for sweep (it is needed to plan), last
                  for create and the owner changes. A card needed again after another took
                  its place in the reader is asked back for, with its PIN on the next line.
  --fee-cap GWEI  the highest fee per gas you accept (default: 3 × today's quote)
  --yes           do not ask before sending
  --poll-interval MS   how often a sweep checks for inclusion (default 1000)

${CHAIN_OPTIONS_USAGE}`;

const OPTIONS = {
  ...CHAIN_OPTIONS,
  safe: { type: 'string' },
  owner: { type: 'string', multiple: true },
  threshold: { type: 'string' },
  signer: { type: 'string', multiple: true },
  payer: { type: 'string' },
  to: { type: 'string' },
  old: { type: 'string' },
  new: { type: 'string' },
  case: { type: 'string' },
  'fee-cap': { type: 'string' },
  'poll-interval': { type: 'string' },
  yes: { type: 'boolean', default: false },
} as const;

type Subcommand = 'create' | 'show' | 'sweep' | OwnerChangeCommand;
const SUBCOMMANDS: readonly Subcommand[] = ['create', 'show', 'sweep', ...OWNER_CHANGE_COMMANDS];

export async function runSafe(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stdout.write(`${safeUsage}\n`);
    return EXIT.usage;
  }
  if (!SUBCOMMANDS.includes(name as Subcommand)) {
    throw new CliUsageError(`Unknown safe command "${name}".\n\n${safeUsage}`);
  }
  const { values: parsed } = parseArgs({ args: rest, options: OPTIONS, strict: true });
  const run = new SafeRun(io, parsed);
  try {
    return await run.dispatch(name as Subcommand);
  } finally {
    await run.close();
  }
}

class SafeRun {
  private readonly json: boolean;
  private readonly lines: LineReader;
  private readonly wallets: CliWallets;
  private readonly participants: Participants;
  private readonly settings: ChainSettings;
  private readonly networks: Network[];

  constructor(
    private readonly io: CliIo,
    private readonly values: ChainValues,
  ) {
    this.json = values.json === true;
    const pollMs =
      values['poll-interval'] === undefined ? undefined : integerOption(values, 'poll-interval', 0);
    if (pollMs === 0) throw new CliUsageError('--poll-interval is at least 1 ms.');
    this.settings = chainSettings(values, {
      ...(pollMs === undefined ? {} : { pollMs }),
      ...feeCapOf(values),
    });
    this.networks = networksOf(values);
    if (this.networks.length !== 1) {
      throw new CliUsageError('A Safe lives on one network: give --rpc for exactly one.');
    }
    this.lines = new LineReader(io);
    this.wallets = new CliWallets(this.lines, this.settings.dataDir, (text) => this.notice(text));
    this.participants = new Participants(this.wallets, (text) => this.notice(text));
  }

  async close(): Promise<void> {
    this.lines.close();
    await this.wallets.close();
  }

  dispatch(name: Subcommand): Promise<number> {
    switch (name) {
      case 'create':
        return this.create();
      case 'show':
        return this.show();
      case 'sweep':
        return this.sweep();
      case 'replace-owner':
      case 'add-owner':
      case 'remove-owner':
      case 'change-threshold':
        return this.ownerChange(name);
    }
  }

  private get network(): Network {
    return this.networks[0]!;
  }

  private async service(): Promise<SafeService> {
    const tokens: Record<string, Token[]> = await tokensOf(this.values, this.networks, (t) =>
      this.notice(t),
    );
    const { settings } = this;
    return new SafeService({
      dataDir: settings.dataDir,
      networks: () => this.networks,
      tokens: (id) => tokens[id] ?? [],
      defaults: () =>
        settings.maxFeePerGas === undefined ? {} : { maxFeePerGas: settings.maxFeePerGas },
      source: (ref) => this.wallets.sources.access(ref),
      remembered: new RememberedSafes(path.join(settings.dataDir, 'safes.json')),
      ...(settings.pollMs === undefined ? {} : { pollMs: settings.pollMs }),
    });
  }

  private notice(text: string): void {
    if (!this.json) this.io.stderr.write(`${text}\n`);
  }

  private async confirm(text: string, question: string): Promise<void> {
    if (this.values.yes === true) {
      this.notice(`${text}\n`);
      return;
    }
    this.io.stderr.write(`${text}\n\n`);
    const answer = await this.lines.read(`Type "yes" to ${question}: `);
    if (answer?.trim().toLowerCase() !== 'yes') {
      throw new LifeboatError('confirmation-required', 'Nothing was signed or sent.');
    }
  }

  private safeAddress(): string {
    const safe = this.values.safe;
    if (typeof safe !== 'string') throw new CliUsageError('Name the Safe: --safe ADDRESS.');
    return checkedAddress(safe, 'safe');
  }

  private signers(): Participant[] {
    const given = this.values.signer;
    const list = Array.isArray(given) ? given : [];
    if (list.length === 0) {
      throw new CliUsageError('Name the owners who sign: --signer reader:NAME or --signer phrase.');
    }
    return list.map((v) => parseParticipant(v, 'signer', false));
  }

  private payer(fallback: Participant | undefined): Participant {
    const given = this.values.payer;
    if (typeof given === 'string') return parseParticipant(given, 'payer', false);
    if (!fallback) {
      throw new CliUsageError('Say who pays the gas: --payer reader:NAME or --payer phrase.');
    }
    return fallback;
  }

  private async create(): Promise<number> {
    const given = this.values.owner;
    const owners = (Array.isArray(given) ? given : []).map((v) =>
      parseParticipant(v, 'owner', true),
    );
    if (owners.length === 0) {
      throw new CliUsageError('Name the owners: --owner reader:NAME|phrase|address:0x… (repeat).');
    }
    if (this.values.threshold === undefined) {
      throw new CliUsageError('Say how many owners must sign: --threshold K.');
    }
    const threshold = integerOption(this.values, 'threshold', 0);
    // Refused before any card or phrase is asked for.
    assertThreshold(threshold, owners.length);
    const payerSpec = this.payer(owners.find((o) => o.kind !== 'address'));
    const service = await this.service();
    const opened: (Opened | undefined)[] = [];
    for (const [i, owner] of owners.entries()) {
      opened.push(
        owner.kind === 'address'
          ? undefined
          : await this.participants.open(owner, `the card of owner ${i + 1}`),
      );
    }
    const at = owners.findIndex((o) => sameParticipant(o, payerSpec));
    const payer =
      at >= 0
        ? await this.participants.again(opened[at]!)
        : await this.participants.open(signing(payerSpec), 'the card that pays');
    const plan = await service.creation.plan({
      networkId: this.network.id,
      owners: owners.map((owner, i) =>
        owner.kind === 'address' ? { kind: 'address', address: owner.address } : opened[i]!.source,
      ),
      threshold,
      payer: payer.source,
    });
    const coin = (wei: string) =>
      `${formatUnits(BigInt(wei), this.network.decimals)} ${this.network.nativeSymbol}`;
    await this.confirm(
      [
        `New Safe on ${this.network.name}: ${plan.address}`,
        `  ${mustSign(plan.threshold, plan.owners.length)}:`,
        ...plan.owners.map((o, i) => `    ${i + 1}. ${o}`),
        `  Created by ${plan.payer}; fee at most ${coin(plan.fee.maxCost)}.`,
      ].join('\n'),
      'create this Safe',
    );
    const safe = await service.creation.create(plan.planId);
    printResult(
      this.io,
      this.json,
      {
        safe: safe.address,
        networkId: this.network.id,
        owners: safe.owners,
        threshold: safe.threshold,
      },
      () =>
        `Created the Safe ${safe.address} on ${this.network.name}: ${safe.threshold} of ${safe.owners.length} owners.`,
    );
    return EXIT.ok;
  }

  private async show(): Promise<number> {
    const address = this.safeAddress();
    const given = this.values.signer;
    const holders = (Array.isArray(given) ? given : []).map((v) =>
      parseParticipant(v, 'signer', false),
    );
    const service = await this.service();
    const opened: Opened[] = [];
    for (const [i, holder] of holders.entries()) {
      opened.push(await this.participants.open(signing(holder), `the card of signer ${i + 1}`));
    }
    const view = await service.open(
      { networkId: this.network.id, address },
      opened.map((o) => o.source),
    );
    // A card session means nothing outside this run: say which named signer holds an owner.
    const named = {
      ...view,
      owners: view.owners.map(({ address: owner, heldBy }) => {
        const holder = opened.find((o) => JSON.stringify(o.source) === JSON.stringify(heldBy));
        return holder
          ? { address: owner, heldBy: participantText(holder.participant) }
          : { address: owner };
      }),
    };
    printResult(this.io, this.json, named, () => safeText(named, this.network));
    return EXIT.ok;
  }

  /**
   * Replace, add or remove an owner, or change the threshold: the Safe is read, the change
   * proposed (the Safe's own checks refuse it before any PIN is asked), previewed, signed by
   * enough owners and sent by the payer.
   */
  private async ownerChange(kind: OwnerChangeCommand): Promise<number> {
    const address = this.safeAddress();
    const { owner, old, new: added, threshold } = this.values;
    const request = ownerChangeRequest(
      kind,
      {
        ...(Array.isArray(owner) ? { owner } : {}),
        ...(typeof old === 'string' ? { old } : {}),
        ...(typeof added === 'string' ? { new: added } : {}),
        ...(threshold === undefined
          ? {}
          : { threshold: integerOption(this.values, 'threshold', 0) }),
      },
      checkedAddress,
    );
    const signers = this.signers();
    const payerSpec = this.payer(signers[0]);
    const payerIndex = signers.findIndex((s) => sameParticipant(s, payerSpec));
    const service = await this.service();
    await this.participants.expectReaders([...signers, payerSpec]);
    const before = await service.open({ networkId: this.network.id, address });
    const proposal = await service.proposals.propose(
      this.network.id,
      address,
      ownerChangeAction(request, before),
    );
    enoughSigners(signers.length, proposal.thresholdBefore);
    await this.confirm(ownerChangePreview(request, proposal), 'sign and send this change');
    const opened = await this.collect(service, proposal.proposalId, signers, proposal.safe);
    const known = payerIndex >= 0 ? opened[payerIndex] : undefined;
    const payer = known
      ? await this.participants.again(known)
      : await this.participants.open(signing(payerSpec), 'the card that pays');
    const receipt = await service.proposals.execute(proposal.proposalId, payer.source);
    const after = await service.open({ networkId: this.network.id, address });
    printResult(
      this.io,
      this.json,
      {
        safe: after.address,
        txHash: receipt.txHash,
        blockNumber: receipt.blockNumber,
        owners: after.owners.map((o) => o.address),
        threshold: after.threshold,
      },
      () =>
        `${ownerChangeDone(kind, receipt)}\n${safeText({ ...after, owners: after.owners.map((o) => ({ address: o.address })) }, this.network)}`,
    );
    return EXIT.ok;
  }

  private async sweep(): Promise<number> {
    const signers = this.signers();
    const payerSpec = this.payer(signers[0]);
    const payerIndex = signers.findIndex((s) => sameParticipant(s, payerSpec));
    const service = await this.service();
    const given = this.values.case;
    let caseId: string;
    let payer: Opened | undefined;
    if (typeof given === 'string') {
      caseId = given;
      const signatures = service.signatures(caseId);
      if (payerIndex < 0 || signatures.signed.length >= signatures.needed) {
        payer = await this.participants.open(signing(payerSpec), 'the card that pays');
      }
    } else {
      const address = this.safeAddress();
      const to = this.values.to;
      if (typeof to !== 'string') throw new CliUsageError('Say where the funds go: --to ADDRESS.');
      const destination = checkedAddress(to, 'to');
      assertRecipient(destination, [address], 'to');
      // Refused before any PIN is asked or any case is kept.
      const { threshold } = await service.open({ networkId: this.network.id, address });
      enoughSigners(signers.length, threshold);
      // The payer is needed to plan: its account sends every step at its own nonces.
      payer = await this.participants.open(signing(payerSpec), 'the card that pays');
      const plan = await service.sweeps.plan({
        networkId: this.network.id,
        safe: address,
        destination: { kind: 'address', address: destination },
        payer: payer.source,
      });
      if (plan.steps.length === 0) {
        this.notice(planText(plan, this.network));
        throw new LifeboatError(
          'nothing-to-move',
          'The Safe holds funds, but none of them can be moved (see the notes).',
        );
      }
      await this.confirm(planText(plan, this.network), 'sign and send these transactions');
      caseId = await service.sweeps.start(plan.planId);
      this.notice(`Case ${caseId} (kept in ${this.settings.dataDir})`);
    }
    const safe = service.sweeps.safeOf(caseId);
    const opened = await this.collect(service, caseId, signers, safe.address, {
      index: payerIndex,
      opened: payer,
    });
    const runner = payer ?? opened[payerIndex];
    const started = await service.sweeps.run(
      caseId,
      (await this.participants.again(runner!)).source,
      (e) => this.progress(e),
    );
    return this.finish(await started.done);
  }

  /**
   * Signs the job with each signer in turn until the threshold is met; an owner who signed
   * already is not asked to sign again, and a signer opened before (the payer) is not opened
   * twice.
   */
  private async collect(
    service: SafeService,
    jobId: string,
    signers: Participant[],
    safe: string,
    known?: { index: number; opened: Opened | undefined },
  ): Promise<(Opened | undefined)[]> {
    const opened: (Opened | undefined)[] = [];
    let signatures = service.signatures(jobId);
    for (const [i, signer] of signers.entries()) {
      if (signatures.signed.length >= signatures.needed) break;
      const reuse = known?.index === i ? known.opened : undefined;
      const one = reuse
        ? await this.participants.again(reuse)
        : await this.participants.open(signing(signer), `the card of signer ${i + 1}`);
      opened[i] = one;
      const before = signatures.signed.length;
      try {
        signatures = await service.sign(jobId, one.source);
      } catch (error) {
        throw Participants.named(error, one, safe);
      }
      this.notice(
        signatures.signed.length > before
          ? `Signed by ${one.address} (${signatures.signed.length} of ${signatures.needed}).`
          : `${one.address} has signed already; its signature is kept (${signatures.signed.length} of ${signatures.needed}).`,
      );
    }
    if (signatures.signed.length < signatures.needed) {
      const resume = service.proposals.has(jobId)
        ? 'Name more signers with --signer.'
        : `Continue with: lifeboat safe sweep --case ${jobId} --signer … (more owners).`;
      throw new LifeboatError(
        'signatures-missing',
        `${signatures.signed.length} of the ${signatures.needed} owners needed have signed. ${resume}`,
        { have: signatures.signed.length, need: signatures.needed },
      );
    }
    return opened;
  }

  private progress(event: SweepEvent): void {
    if (this.json || event.type !== 'step') return;
    const { step } = event;
    this.io.stderr.write(
      `  step ${step.index + 1}: ${step.state}${step.txHash ? ` ${step.txHash}` : ''}${step.blockNumber === undefined ? '' : ` (block ${step.blockNumber})`}\n`,
    );
  }

  private finish(record: CaseRecord): number {
    return printCaseOutcome(this.io, this.json, record, caseReport(record), {
      extra: { safe: caseView(record).safe?.address },
      continueWith: `lifeboat safe sweep --case ${record.caseId} --signer … `,
    });
  }
}

/** Fewer signers named than the Safe needs cannot succeed: say so before anyone signs. */
function enoughSigners(named: number, threshold: number): void {
  if (named >= threshold) return;
  throw new LifeboatError(
    'signatures-missing',
    `The Safe needs ${threshold} of its owners to sign; ${named} ${named === 1 ? 'is' : 'are'} named. Name ${threshold} with --signer. Nothing was signed.`,
    { have: 0, need: threshold },
  );
}

function participantText(participant: Participant): string {
  switch (participant.kind) {
    case 'reader':
      return `the card in "${participant.reader}"`;
    case 'phrase':
      return 'the recovery phrase';
    case 'address':
      return participant.address;
  }
}

type NamedSafeView = Omit<SafeView, 'owners'> & {
  owners: { address: string; heldBy?: string }[];
};

/** "2 of 3 owners must sign", "1 of 1 owner must sign". */
function mustSign(threshold: number, owners: number): string {
  return `${threshold} of ${owners} ${owners === 1 ? 'owner' : 'owners'} must sign`;
}

function safeText(view: NamedSafeView, network: Network): string {
  return [
    `Safe ${view.address} on ${network.name} (version ${view.version})`,
    `  ${mustSign(view.threshold, view.owners.length)}; next Safe transaction: ${view.nonce}`,
    '  Owners:',
    ...view.owners.map(
      (o, i) => `    ${i + 1}. ${o.address}${o.heldBy ? `   (held by ${o.heldBy})` : ''}`,
    ),
    '  Holds:',
    ...view.balances.map((b) => `    ${formatUnits(BigInt(b.balance), b.decimals)} ${b.symbol}`),
  ].join('\n');
}

function planText(plan: SweepPlanView, network: Network): string {
  const coin = (value: string, decimals: number, symbol: string) =>
    `${formatUnits(BigInt(value), decimals)} ${symbol}`;
  const lines = [`Sweep of the Safe to ${plan.destination}`];
  for (const s of plan.steps) {
    lines.push(
      `  ${s.index + 1}. ${s.kind} ${coin(s.amount, s.decimals, s.symbol)}; sent by ${s.from}, fee at most ${coin(s.fee.maxCost, network.decimals, network.nativeSymbol)}`,
    );
  }
  lines.push('Expected to remain in the Safe:');
  for (const a of plan.assets) {
    lines.push(
      `  ${coin(a.expectedRemainder, a.decimals, a.symbol)} (moves ${coin(a.moved, a.decimals, a.symbol)})`,
    );
  }
  for (const w of plan.warnings) lines.push(`Note: ${warningText(w, network.name)}`);
  return lines.join('\n');
}

/** A participant that signs: the parsers refuse an address where one signs. */
function signing(participant: Participant): Exclude<Participant, { kind: 'address' }> {
  if (participant.kind === 'address') throw new CliUsageError('An address cannot sign.');
  return participant;
}

function checkedAddress(value: string, field: string): string {
  try {
    return getAddress(value.trim());
  } catch {
    throw new LifeboatError('invalid-address', `"${value}" is not a valid address.`, { field });
  }
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
