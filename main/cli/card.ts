import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { hexToBytes } from '@noble/hashes/utils.js';
import type { CardSessionView, Scheme, SecretRule } from '../../preload/api';
import { MAX_ADDRESS_COUNT } from '../cards/addresses';
import { CardService } from '../cards/card-service';
import { keyFileSecretBox } from '../cards/keycard/key-file-box';
import { FilePairingStore } from '../cards/keycard/pairing-store';
import { PcscReaders } from '../cards/pcsc/pcsc-readers';
import { LifeboatError, isLifeboatError } from '../errors';
import { SCHEMES } from '../secrets/derivation';
import { seedFromRecovery } from '../secrets/recovery-input';
import { dataDirOf } from './data-dir';
import { CliUsageError, LineReader, type CliIo } from './io';
import { FAMILY_NAME, kindOf, requireKind } from './card-kind';
import { noSuchReader } from './reader-names';
import { EXIT, printResult } from './output';

export const cardUsage = `Usage: lifeboat card <command> [--reader NAME] [--json] [--data-dir DIR] [options]

Works with a Keycard, a Satochip and a Seedkeeper; the card's kind is found by asking it.

Commands:
  info                  what the card is (no pairing or PIN needed)
  identify              prove the card is genuine against the built-in authorities (Keycard;
                        Satochip and Seedkeeper under Toporin's root); a Satochip or Seedkeeper
                        shows its certificate only once unlocked, so it reads the PIN;
                        --trust-ca HEX (repeatable) trusts more authority keys
  init                  set up a blank card; reads the PIN and the PUK, and for a Keycard the
                        pairing password (--duress-pin also reads a duress PIN); --pin-retries N,
                        --puk-retries N choose the tries (Keycard PIN 2-10, PUK 3-12; Satochip
                        and Seedkeeper 2-15 each)
  pair                  pair this computer with a Keycard (the default password is tried first)
  status                PIN and PUK tries left, and the key UID
  verify-pin            check the PIN; reads the PIN
  change-pin            reads the current PIN, then the new one
  unblock               unblock a blocked PIN; reads the PUK, then for a Keycard the new PIN (a
                        Satochip or Seedkeeper keeps its PIN and only gets its tries back)
  addresses             reads the PIN; --scheme bip44|ledger-live|legacy, --start N, --count N
  sign                  reads the PIN; --hash HEX (32 bytes) --path PATH
  load                  load a wallet; reads the PIN, the BIP-39 phrase or the SLIP-39 shares one
                        per line, an empty line, then the passphrase (empty for none); --replace
                        (a Keycard only: a Satochip is factory-reset first)
  generate              create a key on a Keycard (it has no recovery phrase); reads the PIN;
                        --replace
  unpair                free this computer's pairing slot on a Keycard (--index N: another
                        slot); reads the PIN
  factory-reset         wipe the card; asks you to type FACTORY RESET

A Seedkeeper is a backup card: "lifeboat backup" keeps phrases and shares on it.

Secrets come from a hidden prompt, or one per line on standard input when it is not a
terminal, never from the command line. A pairing password, when the default one is not
accepted, is read after the command's own lines. Pairings are kept in --data-dir
(default: $XDG_DATA_HOME/lifeboat or ~/.local/share/lifeboat).`;

/** pcscd reports readers and cards a moment after the context is established. */
const SETTLE_MS = 1500;
const EXTRA_SETTLE_MS = 200;
const INTERACTIVE_PASSWORD_ATTEMPTS = 3;
/** The card's own list of used wallet accounts, as far as a listing stays readable. */
const MAX_LISTED_INDICES = 100;

const COMMON = {
  reader: { type: 'string' },
  json: { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

type Values = Record<string, string | boolean | string[] | undefined>;

interface Context {
  io: CliIo;
  lines: LineReader;
  service: CardService;
  pairings: FilePairingStore;
  reader: string;
  view: CardSessionView;
  values: Values;
}

interface Output {
  value: object;
  text: string;
}

interface Subcommand {
  options?: ParseArgsOptionsConfig;
  run(ctx: Context): Promise<Output>;
}

function tries(n: number): string {
  return `${n} ${n === 1 ? 'try' : 'tries'}`;
}

/** "6 digits", "4 to 16 characters": what the card's family accepts. */
function ruleText(rule: SecretRule): string {
  const unit = rule.alphabet === 'digits' ? 'digits' : 'characters';
  return rule.minLength === rule.maxLength
    ? `${rule.minLength} ${unit}`
    : `${rule.minLength} to ${rule.maxLength} ${unit}`;
}

function integerOption(values: Values, name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw))
    throw new CliUsageError(`--${name} takes a whole number.`);
  return Number(raw);
}

function requireInitialized(ctx: Context): void {
  if (!ctx.view.info.initialized)
    throw new LifeboatError(
      'not-initialized',
      'This card is blank: set it up with "lifeboat card init".',
    );
}

/**
 * A new secret, e.g. `name` "new PIN" under the card's `rule`: asked twice at a terminal, so a
 * typo cannot lock anyone out.
 */
async function newSecret(ctx: Context, name: string, rule?: SecretRule): Promise<string> {
  const label = `${name[0]!.toUpperCase()}${name.slice(1)}${rule ? ` (${ruleText(rule)})` : ''}`;
  const value = await ctx.lines.require(`${label}: `, { secret: true });
  if (ctx.lines.interactive) {
    const again = await ctx.lines.require(`${label} again: `, { secret: true });
    if (again !== value)
      throw new LifeboatError('confirmation-mismatch', `The two entries of the ${name} differ.`);
  }
  return value;
}

/** In scripts every line of the command is read before the card is touched (see usage). */
async function early<T>(ctx: Context, read: () => Promise<T>): Promise<T | undefined> {
  return ctx.lines.interactive ? undefined : read();
}

/** Opens the card's channel; `remember` keeps a new pairing even where it could be ephemeral. */
async function pairCard(ctx: Context, remember = false): Promise<CardSessionView> {
  requireInitialized(ctx);
  const options = { remember };
  let lastError: unknown;
  try {
    ctx.view = await ctx.service.pair(ctx.view.sessionId, undefined, options);
    return ctx.view;
  } catch (error) {
    if (!isLifeboatError(error, 'wrong-pairing-password')) throw error;
    lastError = error;
  }
  for (
    let attempt = 0;
    !ctx.lines.interactive || attempt < INTERACTIVE_PASSWORD_ATTEMPTS;
    attempt += 1
  ) {
    const password = await ctx.lines.read('Pairing password: ', { secret: true });
    if (password === undefined) break;
    try {
      ctx.view = await ctx.service.pair(ctx.view.sessionId, password, options);
      return ctx.view;
    } catch (error) {
      if (!isLifeboatError(error, 'wrong-pairing-password')) throw error;
      lastError = error;
      if (ctx.lines.interactive)
        ctx.io.stderr.write('The card did not accept that pairing password.\n');
    }
  }
  throw lastError;
}

async function readPin(ctx: Context, view?: CardSessionView): Promise<string> {
  const left = view?.status ? ` (${tries(view.status.pinTries)} left)` : '';
  return ctx.lines.require(`PIN${left}: `, { secret: true });
}

/** Pairs, shows the tries left, then verifies the PIN (read earlier in scripts). */
async function unlock(ctx: Context, earlyPin: string | undefined): Promise<CardSessionView> {
  const view = await pairCard(ctx);
  refuseBlocked(view);
  const outcome = await ctx.service.unlock(view.sessionId, earlyPin ?? (await readPin(ctx, view)));
  if (!outcome.unlocked) {
    const triesLeft = outcome.pinTries;
    throw triesLeft === 0
      ? new LifeboatError(
          'pin-blocked',
          'Wrong PIN. The PIN is now blocked; unblock it with the PUK.',
          { triesLeft },
        )
      : new LifeboatError('wrong-pin', `Wrong PIN: ${tries(triesLeft)} left.`, {
          triesLeft,
        });
  }
  ctx.view = outcome.session;
  return ctx.view;
}

async function withPin(ctx: Context): Promise<CardSessionView> {
  requireInitialized(ctx);
  return unlock(ctx, await early(ctx, () => readPin(ctx)));
}

/** What a locked card that shows its key UID only once unlocked (a Satochip) says of its key. */
const LOCKED_KEY = 'a wallet is loaded; its key UID shows once the card is unlocked';

/** A blocked PIN is not worth a try: say so before anything is sent. */
function refuseBlocked(view: CardSessionView): void {
  if (view.status?.pinTries === 0)
    throw new LifeboatError(
      'pin-blocked',
      'The PIN is blocked. Unblock it with "lifeboat card unblock".',
      { triesLeft: 0 },
    );
}

function keyUidOf(view: CardSessionView): string | null {
  return view.info.keyUid ?? null;
}

/** The card's instance UID where its family has one (a Keycard's changes on factory reset). */
function instanceUidOf(view: CardSessionView): string | null {
  return (view.info.family === 'keycard' && view.info.instanceUid) || null;
}

async function readRecovery(ctx: Context): Promise<{ lines: string[]; passphrase: string }> {
  if (ctx.lines.interactive)
    ctx.io.stderr.write(
      'Enter the recovery phrase, or the Shamir shares one per line; end with an empty line.\n',
    );
  const lines: string[] = [];
  for (;;) {
    const line = await ctx.lines.read(
      lines.length === 0 ? 'Phrase or share: ' : 'Next share (empty to finish): ',
      {
        secret: true,
      },
    );
    if (line === undefined || line.trim() === '') break;
    lines.push(line);
  }
  if (lines.length === 0)
    throw new CliUsageError('Expected a recovery phrase or shares on standard input.');
  const passphrase =
    (await ctx.lines.read('Passphrase (empty for none): ', { secret: true })) ?? '';
  return { lines, passphrase };
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  info: {
    async run(ctx) {
      const { info } = ctx.view;
      let name: string | null = null;
      let walletIndices: number[] = [];
      if (info.initialized) {
        const label = await ctx.service
          .withSession(ctx.view.sessionId, async (s) => s.readLabel?.(MAX_LISTED_INDICES))
          .catch((error: unknown) => {
            if (isLifeboatError(error, 'malformed-response')) return undefined;
            throw error;
          });
        name = label?.name ?? null;
        walletIndices = label?.accountIndices ?? [];
      }
      const family = FAMILY_NAME[info.family];
      const instanceUid = instanceUidOf(ctx.view);
      const freePairingSlots = info.family === 'keycard' ? info.freePairingSlots : undefined;
      const paired =
        info.initialized &&
        (await ctx.service.withSession(
          ctx.view.sessionId,
          async (s) => (await s.pairingSlots?.saved()) ?? false,
        ));
      const kind = kindOf(info);
      const value = {
        reader: ctx.reader,
        family: info.family,
        kind,
        initialized: info.initialized,
        version: info.version || null,
        instanceUid,
        keyUid: keyUidOf(ctx.view),
        keyLoaded: info.keyUid !== undefined || info.keyLoaded === true,
        freePairingSlots: freePairingSlots ?? null,
        name,
        walletIndices,
        paired,
      };
      const text = info.initialized
        ? [
            `${family} ${info.version} in ${ctx.reader}${name ? ` named "${name}"` : ''}`,
            ...(instanceUid ? [`Instance UID: ${instanceUid}`] : []),
            kind === 'backup'
              ? `A backup card: "lifeboat backup list --reader "${ctx.reader}"" shows what it keeps.`
              : `Key UID: ${value.keyUid ?? (info.keyLoaded ? LOCKED_KEY : 'no key loaded')}`,
            ...(freePairingSlots === undefined ? [] : [`Free pairing slots: ${freePairingSlots}`]),
            ...(walletIndices.length > 0
              ? [`Accounts in use (m/44'/60'/0'/0/i): ${walletIndices.join(', ')}`]
              : []),
            ...(info.rules.pairing
              ? [
                  paired
                    ? 'This computer is paired with it.'
                    : 'This computer is not paired with it yet.',
                ]
              : []),
          ].join('\n')
        : `A blank ${family} in ${ctx.reader}: it has no PIN yet. Set it up with "lifeboat card init".`;
      return { value, text };
    },
  },

  identify: {
    options: { 'trust-ca': { type: 'string', multiple: true } },
    async run(ctx) {
      let attestation = await ctx.service.identify(ctx.view.sessionId);
      if (attestation.verdict === 'needs-unlock' && ctx.view.info.initialized) {
        await withPin(ctx);
        attestation = await ctx.service.identify(ctx.view.sessionId);
      }
      return {
        value: attestation,
        text: `${attestation.verdict}: ${attestation.explanation}`,
      };
    },
  },

  init: {
    options: {
      'pin-retries': { type: 'string' },
      'puk-retries': { type: 'string' },
      'duress-pin': { type: 'boolean', default: false },
    },
    async run(ctx) {
      const { info } = ctx.view;
      if (info.initialized)
        throw new LifeboatError('already-initialized', 'This card is already set up.');
      const { rules } = info;
      if (ctx.values['duress-pin'] && !info.capabilities.includes('duress-pin'))
        throw new CliUsageError('This card has no duress PIN.');
      const pin = await newSecret(ctx, 'new PIN', rules.pin);
      const puk = rules.puk ? await newSecret(ctx, 'new PUK', rules.puk) : undefined;
      const pairingPassword = rules.pairing
        ? await newSecret(ctx, 'new pairing password')
        : undefined;
      const duressPin = ctx.values['duress-pin']
        ? await newSecret(ctx, 'duress PIN', rules.pin)
        : undefined;
      const view = await ctx.service.initialize(ctx.view.sessionId, {
        pin,
        ...(puk === undefined ? {} : { puk }),
        ...(pairingPassword === undefined ? {} : { pairingPassword }),
        ...(duressPin === undefined ? {} : { duressPin }),
        pinRetries: integerOption(ctx.values, 'pin-retries', rules.pinTries.default),
        ...(rules.pukTries
          ? { pukRetries: integerOption(ctx.values, 'puk-retries', rules.pukTries.default) }
          : {}),
      });
      const instanceUid = instanceUidOf(view);
      const hasDuress = info.capabilities.includes('duress-pin');
      return {
        value: {
          initialized: true,
          instanceUid,
          pinTries: view.status?.pinTries,
          pukTries: view.status?.pukTries,
          ...(hasDuress ? { duressPin: duressPin === undefined ? 'random' : 'set' } : {}),
        },
        text: [
          `The card is set up${instanceUid ? ` (instance UID ${instanceUid})` : ''}${rules.pairing ? ' and paired with this computer' : ''}.`,
          ...(hasDuress
            ? [
                duressPin === undefined
                  ? 'No duress PIN was chosen, so a random one nobody knows was set.'
                  : 'The duress PIN opens a separate decoy wallet.',
              ]
            : []),
          ...(rules.pairing ? [ctx.pairings.describeProtection()] : []),
        ].join('\n'),
      };
    },
  },

  pair: {
    async run(ctx) {
      if (!ctx.view.info.rules.pairing)
        throw new LifeboatError('not-supported', 'This card does not pair with computers.');
      const view = await pairCard(ctx, true);
      const instanceUid = instanceUidOf(view);
      return {
        value: {
          paired: true,
          instanceUid,
          pairingProtection: ctx.pairings.describeProtection(),
        },
        text: `Paired with the card${instanceUid ? ` ${instanceUid}` : ''}.\n${ctx.pairings.describeProtection()}`,
      };
    },
  },

  status: {
    async run(ctx) {
      // Pairing already read the counters; reading them again would be a wasted APDU.
      const view = await pairCard(ctx);
      const status = view.status!;
      return {
        value: { ...status, keyUid: keyUidOf(view) },
        text: [
          `PIN: ${tries(status.pinTries)} left${status.pinTries === 0 ? ' (blocked)' : ''}`,
          `PUK: ${tries(status.pukTries)} left${status.pukTries === 0 ? ' (blocked)' : ''}`,
          kindOf(view.info) === 'backup'
            ? `A backup card: "lifeboat backup list --reader "${ctx.reader}"" shows what it keeps.`
            : `Key: ${status.keyInitialized ? (keyUidOf(view) ?? LOCKED_KEY) : 'none loaded'}`,
        ].join('\n'),
      };
    },
  },

  'verify-pin': {
    async run(ctx) {
      const view = await withPin(ctx);
      return {
        value: { verified: true, pinTries: view.status?.pinTries },
        text: 'The PIN is correct.',
      };
    },
  },

  'change-pin': {
    async run(ctx) {
      requireInitialized(ctx);
      const { rules } = ctx.view.info;
      const rule = rules.pin;
      const current = await early(ctx, () => readPin(ctx));
      const next = await early(ctx, () => newSecret(ctx, 'new PIN', rule));
      if (rules.changePinAsksCurrent) {
        // The card checks the current PIN itself, in the very command that changes it.
        const view = await pairCard(ctx);
        refuseBlocked(view);
        const pin = current ?? (await readPin(ctx, view));
        await ctx.service.changePin(
          view.sessionId,
          next ?? (await newSecret(ctx, 'new PIN', rule)),
          pin,
        );
        return { value: { changed: true }, text: 'The PIN was changed.' };
      }
      await unlock(ctx, current);
      await ctx.service.changePin(
        ctx.view.sessionId,
        next ?? (await newSecret(ctx, 'new PIN', rule)),
      );
      return { value: { changed: true }, text: 'The PIN was changed.' };
    },
  },

  unblock: {
    async run(ctx) {
      requireInitialized(ctx);
      const { rules } = ctx.view.info;
      const rule = rules.pin;
      const puk = await early(ctx, () => ctx.lines.require('PUK: ', { secret: true }));
      const pin = rules.unblockSetsPin
        ? await early(ctx, () => newSecret(ctx, 'new PIN', rule))
        : undefined;
      const view = await pairCard(ctx);
      const typedPuk =
        puk ??
        (await ctx.lines.require(`PUK (${tries(view.status?.pukTries ?? 0)} left): `, {
          secret: true,
        }));
      const outcome = await ctx.service.unblock(
        view.sessionId,
        typedPuk,
        rules.unblockSetsPin ? (pin ?? (await newSecret(ctx, 'new PIN', rule))) : undefined,
      );
      if (!outcome.unblocked) {
        const triesLeft = outcome.pukTries;
        throw triesLeft === 0
          ? new LifeboatError('puk-blocked', 'The PUK is blocked.', { triesLeft })
          : new LifeboatError('wrong-puk', `Wrong PUK: ${tries(triesLeft)} left.`, {
              triesLeft,
            });
      }
      return {
        value: { unblocked: true },
        text: rules.unblockSetsPin
          ? 'The PIN is unblocked and set to the new value.'
          : 'The PIN is unblocked: it keeps its value and has its tries back.',
      };
    },
  },

  addresses: {
    options: {
      scheme: { type: 'string', default: 'bip44' },
      start: { type: 'string' },
      count: { type: 'string' },
    },
    async run(ctx) {
      const scheme = ctx.values.scheme as Scheme;
      if (!SCHEMES.includes(scheme))
        throw new CliUsageError(`--scheme is one of ${SCHEMES.join(', ')}.`);
      const start = integerOption(ctx.values, 'start', 0);
      const count = integerOption(ctx.values, 'count', 5);
      if (count < 1 || count > MAX_ADDRESS_COUNT)
        throw new CliUsageError(`--count is 1 to ${MAX_ADDRESS_COUNT}.`);
      requireKind(ctx.view.info, ctx.reader, 'wallet');
      const view = await withPin(ctx);
      const accounts = await ctx.service.accounts(view.sessionId, { scheme, start, count });
      return {
        value: { keyUid: keyUidOf(view), scheme, start, addresses: accounts.map((a) => a.address) },
        text: accounts.map((a) => `${a.path.padEnd(22)} ${a.address}`).join('\n'),
      };
    },
  },

  sign: {
    options: { hash: { type: 'string' }, path: { type: 'string' } },
    async run(ctx) {
      const hashHex = String(ctx.values.hash ?? '').replace(/^0x/i, '');
      const keyPath = ctx.values.path;
      if (!/^[0-9a-fA-F]{64}$/.test(hashHex))
        throw new CliUsageError('--hash takes 32 bytes in hex.');
      if (typeof keyPath !== 'string')
        throw new CliUsageError("--path is required, e.g. m/44'/60'/0'/0/0.");
      requireKind(ctx.view.info, ctx.reader, 'wallet');
      const view = await withPin(ctx);
      const signature = await ctx.service.sign(view.sessionId, hexToBytes(hashHex), keyPath);
      return {
        value: { ...signature, keyUid: keyUidOf(view) },
        text: `Signature: ${signature.signature}\nSigned by: ${signature.address} (${keyPath})`,
      };
    },
  },

  load: {
    options: { replace: { type: 'boolean', default: false } },
    async run(ctx) {
      requireInitialized(ctx);
      requireKind(ctx.view.info, ctx.reader, 'wallet');
      const pin = await early(ctx, () => readPin(ctx));
      const recovery = await early(ctx, () => readRecovery(ctx));
      await unlock(ctx, pin);
      const { kind, seed } = await seedFromRecovery(recovery ?? (await readRecovery(ctx)));
      try {
        const key = await ctx.service.importSeed(ctx.view.sessionId, seed, {
          replace: ctx.values.replace === true,
        });
        return {
          value: { loaded: true, kind, keyUid: key.keyUid, address: key.address },
          text: `Loaded the ${kind === 'bip39' ? 'recovery phrase' : 'Shamir backup'}: key UID ${key.keyUid}, first address ${key.address}.`,
        };
      } finally {
        seed.fill(0);
      }
    },
  },

  generate: {
    options: { replace: { type: 'boolean', default: false } },
    async run(ctx) {
      requireKind(ctx.view.info, ctx.reader, 'wallet');
      if (!ctx.view.info.capabilities.includes('generate-key'))
        throw new LifeboatError(
          'not-supported',
          `A ${FAMILY_NAME[ctx.view.info.family]} cannot make a key itself: load a recovery phrase with "lifeboat card load".`,
          { capability: 'generate-key' },
        );
      await withPin(ctx);
      const key = await ctx.service.generateKey(ctx.view.sessionId, {
        replace: ctx.values.replace === true,
      });
      return {
        value: { generated: true, keyUid: key.keyUid, address: key.address },
        text: [
          `The card made a new key: key UID ${key.keyUid}, first address ${key.address}.`,
          'This key has no recovery phrase: it exists only on this card and cannot be backed up.',
        ].join('\n'),
      };
    },
  },

  unpair: {
    options: { index: { type: 'string' } },
    async run(ctx) {
      const index =
        ctx.values.index === undefined ? undefined : integerOption(ctx.values, 'index', 0);
      if (!ctx.view.info.capabilities.includes('unpair'))
        throw new LifeboatError(
          'not-supported',
          'This card does not pair with computers, so there is nothing to unpair.',
          { capability: 'unpair' },
        );
      const view = await withPin(ctx);
      const own = index === undefined;
      await ctx.service.unpair(view.sessionId, index);
      return {
        value: { unpaired: true, ...(own ? { own: true } : { index }) },
        text: own
          ? 'This computer’s pairing slot on the card is free again, and the pairing is forgotten.'
          : `Pairing slot ${index} on the card is free again.`,
      };
    },
  },

  'factory-reset': {
    async run(ctx) {
      if (!ctx.view.info.initialized)
        throw new LifeboatError(
          'not-initialized',
          'This card is blank already: there is nothing to erase.',
        );
      const { info } = ctx.view;
      if (!info.capabilities.includes('factory-reset'))
        throw new LifeboatError(
          'not-supported',
          info.rules.pukExhausted === 'wiped'
            ? `A ${FAMILY_NAME[info.family]} has no factory reset: it erases itself only when its last PUK try is used.`
            : 'This card cannot be factory-reset.',
          { capability: 'factory-reset' },
        );
      const previous = instanceUidOf(ctx.view);
      const erased = info.rules.pairing
        ? 'its keys, PIN, PUK and pairings'
        : 'its wallet, its PIN and its PUK';
      const confirmation = await ctx.lines.require(
        `This erases the card for good: ${erased}. Type FACTORY RESET to continue: `,
      );
      const view = await ctx.service.factoryReset(ctx.view.sessionId, confirmation.trim());
      return {
        value: { reset: true, previousInstanceUid: previous, initialized: view.info.initialized },
        text: 'The card was erased. It is blank now; set it up with "lifeboat card init".',
      };
    },
  },
};

async function chooseReader(readers: PcscReaders, wanted: string | undefined): Promise<string> {
  const hasCard = (state: string) => state === 'card-present' || state === 'connected';
  const deadline = Date.now() + SETTLE_MS;
  let seenCardAt: number | undefined;
  for (;;) {
    const snapshot = readers.snapshot();
    const withCard = snapshot.readers.filter((r) => hasCard(r.state));
    if (wanted !== undefined && withCard.some((r) => r.name === wanted)) return wanted;
    if (wanted === undefined && withCard.length > 0) {
      seenCardAt ??= Date.now();
      if (Date.now() - seenCardAt >= EXTRA_SETTLE_MS) break;
    }
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const snapshot = readers.snapshot();
  if (snapshot.state === 'no-service') throw new LifeboatError('no-service');
  if (snapshot.state === 'no-reader') throw new LifeboatError('no-reader');
  if (wanted !== undefined) {
    const reader = snapshot.readers.find((r) => r.name === wanted);
    if (!reader) throw noSuchReader(wanted, snapshot);
    throw new LifeboatError(
      reader.state === 'error' ? (reader.error ?? 'reader-error') : 'no-card',
      undefined,
      {
        reader: wanted,
      },
    );
  }
  const withCard = snapshot.readers.filter((r) => hasCard(r.state));
  if (withCard.length === 1) return withCard[0]!.name;
  if (withCard.length === 0) throw new LifeboatError('no-card');
  throw new CliUsageError(
    `Cards are in several readers (${withCard.map((r) => r.name).join(', ')}); choose one with --reader NAME.`,
  );
}

export async function runCard(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stdout.write(`${cardUsage}\n`);
    return EXIT.usage;
  }
  const subcommand = SUBCOMMANDS[name];
  if (!subcommand) throw new CliUsageError(`Unknown card command "${name}".\n\n${cardUsage}`);
  const { values: parsed } = parseArgs({
    args: rest,
    options: { ...COMMON, ...subcommand.options },
    strict: true,
    allowPositionals: false,
  });
  const values: Values = parsed;
  const dataDir = dataDirOf(values);
  const pairings = new FilePairingStore(dataDir, await keyFileSecretBox(dataDir));
  const trustCa = values['trust-ca'];
  const trusted = Array.isArray(trustCa) ? trustCa : [];
  const readers = new PcscReaders({ role: 'command' });
  const service = new CardService({ readers, pairings, trustedCaKeys: () => trusted });
  const lines = new LineReader(io);
  try {
    await readers.start();
    const reader = await chooseReader(
      readers,
      typeof values.reader === 'string' ? values.reader : undefined,
    );
    const view = await service.open(reader);
    const output = await subcommand.run({ io, lines, service, pairings, reader, view, values });
    printResult(io, values.json === true, output.value, () => output.text);
    return EXIT.ok;
  } finally {
    lines.close();
    await service.dispose();
    await readers.stop();
  }
}
