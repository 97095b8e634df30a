import { parseArgs } from 'node:util';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { ShareCheck, ShareSetProgress } from '../../preload/api';
import { LifeboatError } from '../errors';
import { walletPreview, type WalletPreview } from '../secrets/derivation';
import { shareProblemError } from '../secrets/problem';
import { describeMissing, ShareSet } from '../secrets/share-set';
import { checkLayout, split, type GroupSpec } from '../secrets/slip39';
import { CliUsageError, LineReader, type CliIo } from './io';
import { EXIT, printError, printResult } from './output';

export const sharesUsage = `lifeboat shares combine [--json] [--reveal]
  Reads SLIP-39 shares one per line from standard input, then an empty line, then the
  passphrase line (may be empty). Prints the wallet's key UID and first 5 BIP-44 addresses;
  --reveal also prints the master secret.
lifeboat shares split --group-threshold T --group t-of-n [--group t-of-n …]
                      [--extendable] [--iteration-exponent E] [--json]
  Reads the master secret (hex) and then the passphrase from standard input and prints the
  shares group by group. E defaults to 1.
lifeboat shares check [--json]
  Reads shares one per line until an empty line and checks them without combining.`;

export async function runShares(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'combine') return combineCommand(rest, io);
  if (command === 'split') return splitCommand(rest, io);
  if (command === 'check') return checkCommand(rest, io);
  const json = argv.includes('--json');
  if (command === undefined) {
    io.stdout.write(`${sharesUsage}\n`);
    return EXIT.usage;
  }
  return printError(
    io,
    json,
    new CliUsageError(`Unknown shares command "${command}".\n\n${sharesUsage}`),
  );
}

async function combineCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      reveal: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const reader = new LineReader(io);
  const shares = new ShareSet();
  try {
    await readShares(reader, io, shares, { stopWhenComplete: reader.interactive });
    const passphrase = (await reader.read('Passphrase (empty for none): ', { secret: true })) ?? '';
    const seed = await shares.combine(passphrase, {
      onProgress: ({ done, total }) => {
        if (reader.interactive) io.stderr.write(`Stretching the key: ${done} of ${total}\n`);
      },
    });
    try {
      const preview = walletPreview(seed);
      if (values.reveal) {
        const masterSecret = bytesToHex(seed);
        printResult(
          io,
          values.json,
          { ...preview, masterSecret },
          () => `${describeWallet(preview)}\nMaster secret: ${masterSecret}`,
        );
      } else {
        printResult(io, values.json, preview, () => describeWallet(preview));
      }
    } finally {
      seed.fill(0);
    }
    return EXIT.ok;
  } catch (error) {
    return printError(io, values.json, error);
  } finally {
    shares.wipe();
    reader.close();
  }
}

async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  const reader = new LineReader(io);
  const shares = new ShareSet();
  try {
    const progress = await readShares(reader, io, shares, { stopWhenComplete: false });
    printResult(io, values.json, progress, () =>
      progress.complete
        ? `All ${progress.sharesEntered} shares are valid and enough to rebuild the secret.`
        : `All ${progress.sharesEntered} shares are valid. ${describeMissing(progress)}`,
    );
    return EXIT.ok;
  } catch (error) {
    return printError(io, values.json, error);
  } finally {
    shares.wipe();
    reader.close();
  }
}

async function splitCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      'group-threshold': { type: 'string', default: '1' },
      group: { type: 'string', multiple: true, default: [] },
      extendable: { type: 'boolean', default: false },
      'iteration-exponent': { type: 'string', default: '1' },
    },
    strict: true,
  });
  const groups = values.group.map(parseGroup);
  if (groups.length === 0)
    throw new CliUsageError(`Give at least one --group t-of-n.\n\n${sharesUsage}`);
  const groupThreshold = parseCount(values['group-threshold'], '--group-threshold');
  const iterationExponent = parseCount(values['iteration-exponent'], '--iteration-exponent');
  // Settings that cannot work are refused before the secret is asked for, not after.
  try {
    checkLayout(groupThreshold, groups);
  } catch (error) {
    return printError(io, values.json, error);
  }

  const reader = new LineReader(io);
  let secret: Uint8Array | undefined;
  try {
    secret = parseSecret(await reader.require('Master secret (hex): ', { secret: true }));
    const passphrase = (await reader.read('Passphrase (empty for none): ', { secret: true })) ?? '';
    const mnemonics = await split(secret, {
      groupThreshold,
      groups,
      passphrase,
      extendable: values.extendable,
      iterationExponent,
    });
    printResult(io, values.json, { groups: mnemonics }, () =>
      mnemonics
        .map((members, g) =>
          [
            `Group ${g + 1}: any ${groups[g]!.threshold} of these ${members.length} shares`,
            ...members.map((m, i) => `  ${i + 1}. ${m}`),
          ].join('\n'),
        )
        .concat(
          groups.length > 1
            ? [`Any ${groupThreshold} of the ${groups.length} groups rebuild the secret.`]
            : [],
        )
        .join('\n\n'),
    );
    return EXIT.ok;
  } catch (error) {
    return printError(io, values.json, error);
  } finally {
    secret?.fill(0);
    reader.close();
  }
}

/**
 * Reads shares until an empty line (or the end of input) and adds each to `shares`. At a
 * terminal a share is typed hidden, checked as soon as it is entered, and a rejected one can
 * be typed again; from a script the first rejected share is the command's error.
 */
async function readShares(
  reader: LineReader,
  io: CliIo,
  shares: ShareSet,
  options: { stopWhenComplete: boolean },
): Promise<ShareSetProgress> {
  let progress = shares.progress();
  for (let line = 0; ; line++) {
    const text = await reader.read(`Share ${progress.sharesEntered + 1} (empty line to finish): `, {
      secret: true,
    });
    if (text === undefined || text.trim() === '') return progress;
    const check = shares.add(text);
    progress = check.progress;
    if (reader.interactive) io.stderr.write(`${describeCheck(check)}\n`);
    else if (check.problem?.code === 'share-not-needed')
      io.stderr.write(`Share ${line + 1}: ${check.problem.message}\n`);
    else if (check.problem) throw shareProblemError(check.problem, line);
    if (options.stopWhenComplete && progress.complete) return progress;
  }
}

function describeCheck(check: ShareCheck): string {
  const { problem } = check;
  if (!problem) return `  ✓ Share accepted. ${describeProgress(check.progress)}`;
  return `  ✗ ${problem.message}${problem.code === 'share-not-needed' ? '' : ' Enter it again.'}`;
}

/** "group 1: 2 of 2 shares (complete); group 2: 1 of 3 shares; 1 of 2 groups complete". */
function describeProgress(progress: ShareSetProgress): string {
  const groups = progress.groups.map(
    (g) =>
      `group ${g.groupIndex + 1}: ${g.entered} of ${g.memberThreshold} shares${g.complete ? ' (complete)' : ''}`,
  );
  const overall = `${progress.groupsComplete} of ${progress.groupThreshold ?? '?'} groups complete`;
  return [...groups, overall].join('; ');
}

export function describeWallet({ keyUid, addresses }: WalletPreview): string {
  return [
    `Key UID: ${keyUid}`,
    `BIP-44 addresses (m/44'/60'/0'/0/i):`,
    ...addresses.map((address, i) => `  ${i}  ${address}`),
  ].join('\n');
}

function parseGroup(text: string): GroupSpec {
  const match = /^(\d+)-of-(\d+)$/.exec(text.trim());
  if (!match) throw new CliUsageError(`--group expects t-of-n, e.g. 2-of-3 (got "${text}").`);
  return { threshold: Number(match[1]), count: Number(match[2]) };
}

function parseCount(text: string, flag: string): number {
  if (!/^\d{1,2}$/.test(text.trim()))
    throw new CliUsageError(`${flag} expects a small whole number.`);
  return Number(text);
}

function parseSecret(line: string): Uint8Array {
  const hex = line.trim().replace(/^0x/i, '');
  if (!/^([0-9a-f]{2})+$/i.test(hex)) {
    throw new LifeboatError('invalid-secret', 'The master secret must be written in hexadecimal.');
  }
  return hexToBytes(hex);
}
