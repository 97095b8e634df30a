// drills.json: the wallets whose backups the person checks, remembered by fingerprint only
// (the Keycard key UID and the first BIP-44 address, never a key), where the copies of the
// wallets Lifeboat made are kept (inventory.ts), and the dated result of every backup drill.
// A drill compares a backup with the fingerprint; no funds move.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getAddress } from 'ethers';
import type { DrillReminder, DrillResult, WalletFormat, WalletRecord } from '../../preload/api';
import { writeFileAtomic } from '../atomic-file';
import { LifeboatError } from '../errors';
import {
  activeMembers,
  activeShareSet,
  inventoryFile,
  readInventory,
  walletRecordSchema,
} from './inventory';

/** What a backup opens, as far as a drill needs to know. */
export interface Fingerprint {
  keyUid: string;
  firstAddress: string;
}

/** What a drill checked, besides the fingerprint it opened. */
export interface DrillTarget {
  /** A card: recorded against the card of the set with this id, when it is one. */
  card?: { instanceId: string };
  /** A rebuilt share set: recorded against the wallet's share set with this identifier. */
  shareIdentifier?: number;
}

function normalise(fingerprint: Fingerprint): Fingerprint {
  const uid = fingerprint.keyUid.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(uid)) {
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
   * Reads `file` (of any version: an older one is read as this one and written as this one
   * at the next change), or starts empty when there is none. A damaged file is kept beside
   * it as `.damaged` for the person to inspect rather than overwritten.
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
    const existing = this.byFingerprint(print);
    if (existing) {
      this.update(existing.walletId, (w) => ({ ...w, label }));
      return this.get(existing.walletId);
    }
    return this.add(label, print, { state: 'ready', format: 'unknown' });
  }

  /**
   * The record of a wallet whose copies are about to be made: `making` until its test
   * recovery passed, so that nothing half-made looks finished, even after a crash.
   */
  begin(label: string, fingerprint: Fingerprint, format: WalletFormat): WalletRecord {
    const print = normalise(fingerprint);
    if (this.byFingerprint(print)) {
      throw new LifeboatError('invalid-input', 'This wallet is remembered already.', {
        field: 'keyUid',
      });
    }
    return this.add(label, print, { state: 'making', format });
  }

  get(walletId: string): WalletRecord {
    const wallet = this.wallets.find((w) => w.walletId === walletId);
    if (!wallet) throw new LifeboatError('not-found', 'That wallet is not remembered.');
    return structuredClone(wallet);
  }

  /** The remembered wallet with this key UID, if there is one. */
  byKeyUid(keyUid: string): WalletRecord | undefined {
    const wallet = this.wallets.find((w) => w.keyUid === keyUid.toLowerCase());
    return wallet && structuredClone(wallet);
  }

  /**
   * Changes one record; what `change` returns is checked against the schema before it is
   * written, and keeps the wallet's id and fingerprint.
   */
  update(walletId: string, change: (wallet: WalletRecord) => WalletRecord): WalletRecord {
    const current = this.get(walletId);
    const next = walletRecordSchema.parse(change(structuredClone(current))) as WalletRecord;
    if (
      next.walletId !== current.walletId ||
      next.keyUid !== current.keyUid ||
      next.firstAddress !== current.firstAddress
    )
      throw new LifeboatError('internal', 'A wallet record keeps its id and fingerprint.');
    this.write(this.wallets.map((w) => (w.walletId === walletId ? next : w)));
    return structuredClone(next);
  }

  /** Keeps the dated result of comparing a backup with the wallet's fingerprint. */
  check(
    walletId: string,
    method: DrillResult['method'],
    opened: Fingerprint,
    target: DrillTarget = {},
  ): DrillResult {
    const wallet = this.get(walletId);
    const print = normalise(opened);
    const member = target.card
      ? activeMembers(wallet).find((m) => m.instanceId === target.card!.instanceId)
      : undefined;
    const shareSet =
      target.shareIdentifier === undefined
        ? undefined
        : wallet.shareSets.find((set) => set.identifier === target.shareIdentifier);
    const result: DrillResult = {
      at: this.now().toISOString(),
      method,
      passed: print.keyUid === wallet.keyUid && print.firstAddress === wallet.firstAddress,
      keyUid: print.keyUid,
      ...(member ? { memberId: member.memberId } : {}),
      ...(shareSet ? { shareSetId: shareSet.shareSetId } : {}),
    };
    this.update(walletId, (w) => ({ ...w, results: [...w.results, result] }));
    return { ...result };
  }

  forget(walletId: string): void {
    this.get(walletId);
    this.write(this.wallets.filter((w) => w.walletId !== walletId));
  }

  /** An all-day calendar event on `date` (YYYY-MM-DD) reminding to drill this wallet's set. */
  reminder(walletId: string, date: string): DrillReminder {
    const wallet = this.get(walletId);
    return {
      filename: `lifeboat-drill-${date}.ics`,
      ics: drillReminderIcs(wallet, date, this.now()),
    };
  }

  private byFingerprint(print: Fingerprint): WalletRecord | undefined {
    const existing = this.wallets.find((w) => w.keyUid === print.keyUid);
    if (existing && existing.firstAddress !== print.firstAddress) {
      throw new LifeboatError(
        'invalid-input',
        'This wallet’s key matches a remembered one, but its first address does not.',
        { field: 'firstAddress' },
      );
    }
    return existing;
  }

  private add(
    label: string,
    print: Fingerprint,
    kind: Pick<WalletRecord, 'state' | 'format'>,
  ): WalletRecord {
    const wallet = walletRecordSchema.parse({
      walletId: randomUUID(),
      label,
      ...print,
      createdAt: this.now().toISOString(),
      results: [],
      ...kind,
      members: [],
      shareSets: [],
    }) as WalletRecord;
    this.write([...this.wallets, wallet]);
    return this.get(wallet.walletId);
  }

  private write(wallets: WalletRecord[]): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileAtomic(this.file, inventoryFile(wallets));
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
      const wallets = readInventory(JSON.parse(text));
      if (wallets) return wallets;
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

/**
 * The copies of a set to bring to the drill, by the labels the person gave them. Not where
 * they are kept: a synced calendar must not tell anyone where the backups lie.
 */
function copiesToCheck(wallet: WalletRecord): string {
  const copies = [
    ...activeMembers(wallet).map((m) => `the card "${m.label}"`),
    ...(activeShareSet(wallet) ? ['the shares'] : []),
    ...(wallet.phrase && wallet.phrase.lostAt === undefined ? ['the recovery phrase'] : []),
  ];
  return copies.length > 0 ? `Bring ${copies.join(', ')}. ` : '';
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
        `starts ${fingerprintStart(wallet.keyUid)}. ${copiesToCheck(wallet)}` +
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
