// drills.json: the wallets whose backups the person checks, remembered by fingerprint only
// (the Keycard key UID and the first BIP-44 address, never a key), and the dated result of
// every backup drill. A drill compares a backup with the fingerprint; no funds move.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getAddress } from 'ethers';
import { z } from 'zod';
import type { DrillReminder, DrillResult, WalletRecord } from '../../preload/api';
import { writeFileAtomic } from '../atomic-file';
import { LifeboatError } from '../errors';

const FILE_VERSION = 1;

const keyUid = z.string().regex(/^[0-9a-f]{64}$/);
const isoDate = z.iso.datetime();

const resultSchema = z.strictObject({
  at: isoDate,
  method: z.enum(['card', 'slip39', 'bip39']),
  passed: z.boolean(),
  keyUid,
});

const walletSchema = z.strictObject({
  walletId: z.string().regex(/^[0-9a-f-]{36}$/),
  label: z.string().min(1).max(100),
  keyUid,
  firstAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  createdAt: isoDate,
  results: z.array(resultSchema).max(10_000),
});

const fileSchema = z.strictObject({
  version: z.literal(FILE_VERSION),
  wallets: z.array(walletSchema).max(1000),
});

/** What a backup opens, as far as a drill needs to know. */
export interface Fingerprint {
  keyUid: string;
  firstAddress: string;
}

function normalise(fingerprint: Fingerprint): Fingerprint {
  const uid = fingerprint.keyUid.toLowerCase();
  if (!keyUid.safeParse(uid).success) {
    throw new LifeboatError('invalid-input', 'That wallet fingerprint is not valid.', {
      field: 'keyUid',
    });
  }
  try {
    return { keyUid: uid, firstAddress: getAddress(fingerprint.firstAddress) };
  } catch {
    throw new LifeboatError('invalid-address', undefined, { field: 'firstAddress' });
  }
}

export class DrillStore {
  private wallets: WalletRecord[];

  /**
   * Reads `file`, or starts empty when there is none. A damaged file is kept beside it as
   * `.damaged` for the person to inspect rather than overwritten.
   */
  constructor(
    private readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.wallets = this.read();
  }

  list(): WalletRecord[] {
    return structuredClone(this.wallets);
  }

  /** Remembers a wallet; the same fingerprint twice is one wallet, with the newer label. */
  remember(label: string, fingerprint: Fingerprint): WalletRecord {
    const print = normalise(fingerprint);
    const existing = this.wallets.find((w) => w.keyUid === print.keyUid);
    if (existing) {
      if (existing.firstAddress !== print.firstAddress) {
        throw new LifeboatError(
          'invalid-input',
          'This wallet’s key matches a remembered one, but its first address does not.',
          { field: 'firstAddress' },
        );
      }
      this.update(this.wallets.map((w) => (w === existing ? { ...w, label } : w)));
      return this.get(existing.walletId);
    }
    const wallet: WalletRecord = {
      walletId: randomUUID(),
      label,
      ...print,
      createdAt: this.now().toISOString(),
      results: [],
    };
    this.update([...this.wallets, wallet]);
    return this.get(wallet.walletId);
  }

  /** Keeps the dated result of comparing a backup with the wallet's fingerprint. */
  check(walletId: string, method: DrillResult['method'], opened: Fingerprint): DrillResult {
    const wallet = this.get(walletId);
    const print = normalise(opened);
    const result: DrillResult = {
      at: this.now().toISOString(),
      method,
      passed: print.keyUid === wallet.keyUid && print.firstAddress === wallet.firstAddress,
      keyUid: print.keyUid,
    };
    this.update(
      this.wallets.map((w) =>
        w.walletId === walletId ? { ...w, results: [...w.results, result] } : w,
      ),
    );
    return { ...result };
  }

  forget(walletId: string): void {
    this.get(walletId);
    this.update(this.wallets.filter((w) => w.walletId !== walletId));
  }

  /** An all-day calendar event on `date` (YYYY-MM-DD) reminding to drill this wallet. */
  reminder(walletId: string, date: string): DrillReminder {
    const wallet = this.get(walletId);
    return {
      filename: `lifeboat-drill-${date}.ics`,
      ics: drillReminderIcs(wallet, date, this.now()),
    };
  }

  private get(walletId: string): WalletRecord {
    const wallet = this.wallets.find((w) => w.walletId === walletId);
    if (!wallet) throw new LifeboatError('not-found', 'That wallet is not remembered.');
    return structuredClone(wallet);
  }

  private update(wallets: WalletRecord[]): void {
    const text = `${JSON.stringify({ version: FILE_VERSION, wallets }, null, 2)}\n`;
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileAtomic(this.file, text);
    this.wallets = wallets;
  }

  private read(): WalletRecord[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      const parsed = fileSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data.wallets;
    } catch {
      // Not JSON at all: handled like any other damage below.
    }
    fs.renameSync(this.file, `${this.file}.damaged`);
    return [];
  }
}

/** RFC 5545 text escaping. */
function icsText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** RFC 5545 folding: lines of at most 75 octets, continued with a leading space. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function icsDate(date: string): string {
  return date.replaceAll('-', '');
}

function icsStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The alarm rings at 09:00 on the day of the drill (the event starts at midnight). */
const ALARM_AFTER_START = 'PT9H';

/**
 * Enough of the fingerprint to tell the person's wallets apart. A calendar is often synced to
 * a server, so the reminder carries no address: an address would link the person's calendar
 * to their funds on a public chain.
 */
function fingerprintStart(keyUid: string): string {
  return `${keyUid.slice(0, 4)} ${keyUid.slice(4, 8)}`;
}

export function drillReminderIcs(wallet: WalletRecord, date: string, now: Date): string {
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) {
    throw new LifeboatError('invalid-input', 'That date is not valid.', { field: 'date' });
  }
  const next = new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10);
  const summary = `Lifeboat backup drill: ${wallet.label}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Lifeboat//Backup drill//EN',
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    `UID:${wallet.walletId}-${icsDate(date)}@lifeboat`,
    `DTSTAMP:${icsStamp(now)}`,
    `DTSTART;VALUE=DATE:${icsDate(date)}`,
    `DTEND;VALUE=DATE:${icsDate(next)}`,
    `SUMMARY:${icsText(summary)}`,
    `DESCRIPTION:${icsText(
      `Check that the backups of "${wallet.label}" still open the wallet whose fingerprint ` +
        `starts ${fingerprintStart(wallet.keyUid)}. ` +
        'Open Lifeboat, choose "Check a backup" and follow the steps. No funds move.',
    )}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${icsText(summary)}`,
    `TRIGGER;RELATED=START:${ALARM_AFTER_START}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
