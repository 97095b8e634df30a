import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DrillStore, drillReminderIcs } from '../../../main/cases/drills';

let dir: string;
let file: string;
let clock: Date;
const now = () => clock;

// A fingerprint as a drill sees it; the address is EIP-55 of the lowercase form below.
const WALLET = {
  keyUid: 'b98373b5f78c88bdd753fe8fc3e3300bc8060d8b723a10ea062ca63554a23e7a',
  firstAddress: '0x9858EfFD232B4033E47d90003D41EC34EcaEda94',
};
const OTHER_UID = 'a'.repeat(64);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-drills-'));
  file = path.join(dir, 'drills.json');
  clock = new Date('2025-03-01T10:00:00.000Z');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Undoes RFC 5545 line folding. */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n');
}

describe('DrillStore', () => {
  it('remembers a wallet by fingerprint only and keeps it across restarts', () => {
    const store = new DrillStore(file, now);
    const wallet = store.remember('Family savings', {
      keyUid: WALLET.keyUid.toUpperCase(),
      firstAddress: WALLET.firstAddress.toLowerCase(),
    });
    expect(wallet).toEqual({
      walletId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      label: 'Family savings',
      keyUid: WALLET.keyUid,
      firstAddress: WALLET.firstAddress,
      createdAt: '2025-03-01T10:00:00.000Z',
      results: [],
    });
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    expect(onDisk).toEqual({ version: 1, wallets: [wallet] });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(new DrillStore(file, now).list()).toEqual([wallet]);
  });

  it('treats the same fingerprint as the same wallet, with the newer label', () => {
    const store = new DrillStore(file, now);
    const first = store.remember('Old name', WALLET);
    const second = store.remember('New name', WALLET);
    expect(second.walletId).toBe(first.walletId);
    expect(store.list().map((w) => w.label)).toEqual(['New name']);
    expect(() =>
      store.remember('Clash', { ...WALLET, firstAddress: `0x${'1'.repeat(40)}` }),
    ).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });

  it('passes a drill only when both key UID and first address match, and dates every result', () => {
    const store = new DrillStore(file, now);
    const { walletId } = store.remember('Savings', WALLET);
    const pass = store.check(walletId, 'slip39', WALLET);
    clock = new Date('2025-09-01T08:30:00.000Z');
    const wrongKey = store.check(walletId, 'card', { ...WALLET, keyUid: OTHER_UID });
    const wrongAddress = store.check(walletId, 'bip39', {
      ...WALLET,
      firstAddress: `0x${'2'.repeat(40)}`,
    });
    expect(pass).toEqual({
      at: '2025-03-01T10:00:00.000Z',
      method: 'slip39',
      passed: true,
      keyUid: WALLET.keyUid,
    });
    expect(wrongKey).toEqual({
      at: '2025-09-01T08:30:00.000Z',
      method: 'card',
      passed: false,
      keyUid: OTHER_UID,
    });
    expect(wrongAddress.passed).toBe(false);
    expect(new DrillStore(file, now).list()[0]!.results).toEqual([pass, wrongKey, wrongAddress]);
  });

  it('forgets a wallet and reports unknown ones as not found', () => {
    const store = new DrillStore(file, now);
    const { walletId } = store.remember('Savings', WALLET);
    store.forget(walletId);
    expect(store.list()).toEqual([]);
    expect(() => store.forget(walletId)).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => store.check(walletId, 'card', WALLET)).toThrow(
      expect.objectContaining({ code: 'not-found' }),
    );
  });

  it('refuses a malformed fingerprint without touching the file', () => {
    const store = new DrillStore(file, now);
    store.remember('Savings', WALLET);
    const before = fs.readFileSync(file, 'utf8');
    expect(() => store.remember('Bad', { ...WALLET, keyUid: 'xyz' })).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
    expect(() => store.remember('Bad', { keyUid: OTHER_UID, firstAddress: '0x12' })).toThrow(
      expect.objectContaining({ code: 'invalid-address' }),
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('keeps a damaged file aside and starts empty', () => {
    fs.writeFileSync(file, JSON.stringify({ version: 1, wallets: [{ walletId: 1 }] }));
    expect(new DrillStore(file, now).list()).toEqual([]);
    expect(fs.existsSync(`${file}.damaged`)).toBe(true);
  });
});

describe('drill reminders', () => {
  it('are all-day iCalendar events with escaped, folded text', () => {
    const store = new DrillStore(file, now);
    const label = 'Grandma; "savings", vault\nsecond line — ünïcode';
    const { walletId } = store.remember(label, WALLET);
    const reminder = store.reminder(walletId, '2025-12-31');
    expect(reminder.filename).toBe('lifeboat-drill-2025-12-31.ics');
    const ics = reminder.ics;
    expect(ics.endsWith('\r\n')).toBe(true);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const lines = unfold(ics);
    expect(lines.slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Lifeboat//Backup drill//EN',
      'CALSCALE:GREGORIAN',
      'BEGIN:VEVENT',
    ]);
    expect(lines).toContain(`UID:${walletId}-20251231@lifeboat`);
    expect(lines).toContain('DTSTAMP:20250301T100000Z');
    expect(lines).toContain('DTSTART;VALUE=DATE:20251231');
    expect(lines).toContain('DTEND;VALUE=DATE:20260101');
    expect(lines).toContain(
      'SUMMARY:Lifeboat backup drill: Grandma\\; "savings"\\, vault\\nsecond line — ünïcode',
    );
    expect(lines.find((l) => l.startsWith('DESCRIPTION:'))).toContain(
      'fingerprint starts b983 73b5.',
    );
    expect(lines.slice(-3)).toEqual(['END:VEVENT', 'END:VCALENDAR', '']);
  });

  it('ring on the day and name the wallet by label and fingerprint, never by address', () => {
    const store = new DrillStore(file, now);
    const { walletId } = store.remember('Savings', WALLET);
    const lines = unfold(store.reminder(walletId, '2025-12-31').ics);
    const alarm = lines.slice(lines.indexOf('BEGIN:VALARM'), lines.indexOf('END:VALARM') + 1);
    expect(alarm).toEqual([
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:Lifeboat backup drill: Savings',
      'TRIGGER;RELATED=START:PT9H',
      'END:VALARM',
    ]);
    expect(lines.indexOf('BEGIN:VALARM')).toBeGreaterThan(lines.indexOf('BEGIN:VEVENT'));
    expect(lines.indexOf('END:VALARM')).toBeLessThan(lines.indexOf('END:VEVENT'));
    const text = lines.join('\n').toLowerCase();
    expect(text).not.toContain(WALLET.firstAddress.slice(2).toLowerCase());
    expect(text).not.toContain(WALLET.keyUid);
  });

  it('refuse a date that does not exist', () => {
    const store = new DrillStore(file, now);
    const wallet = store.remember('Savings', WALLET);
    for (const date of ['2025-02-30', '2025-13-01', 'tomorrow']) {
      expect(() => drillReminderIcs(wallet, date, clock)).toThrow(
        expect.objectContaining({ code: 'invalid-input' }),
      );
    }
  });
});
