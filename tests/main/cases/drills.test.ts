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

const MEMBER = {
  memberId: '5d1f0a6e-6f8b-4c3e-9a77-0c1d2e3f4a5b',
  family: 'keycard' as const,
  instanceId: 'a1'.repeat(16),
  label: 'Kitchen card',
  place: 'the drawer under the oven',
  addedAt: '2025-03-01T10:00:00.000Z',
};

const SHARE_SET = {
  shareSetId: '9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4',
  identifier: 12345,
  groupThreshold: 1,
  groups: [{ threshold: 2, count: 3 }],
  shares: [0, 1, 2].map((memberIndex) => ({
    groupIndex: 0,
    memberIndex,
    holder: 'written' as const,
    label: `Share ${memberIndex + 1}`,
    place: `envelope ${memberIndex + 1}`,
  })),
  createdAt: '2025-03-01T10:00:00.000Z',
};

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
      state: 'ready',
      format: 'unknown',
      members: [],
      shareSets: [],
    });
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    expect(onDisk).toEqual({ version: 2, wallets: [wallet] });
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

  it('reads a first-version file as ready wallets without copies, and writes it anew only on a change', () => {
    const v1 = {
      version: 1,
      wallets: [
        {
          walletId: '0b7c1a52-8d7e-4a57-9d55-1a2b3c4d5e6f',
          label: 'Savings',
          ...WALLET,
          createdAt: '2024-01-02T03:04:05.000Z',
          results: [
            {
              at: '2024-06-01T00:00:00.000Z',
              method: 'bip39',
              passed: true,
              keyUid: WALLET.keyUid,
            },
          ],
        },
      ],
    };
    const text = JSON.stringify(v1, null, 2);
    fs.writeFileSync(file, text);
    const store = new DrillStore(file, now);
    expect(store.list()).toEqual([
      { ...v1.wallets[0], state: 'ready', format: 'unknown', members: [], shareSets: [] },
    ]);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    store.check(v1.wallets[0]!.walletId, 'card', WALLET);
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      version: number;
      wallets: unknown[];
    };
    expect(onDisk.version).toBe(2);
    expect(onDisk.wallets[0]).toMatchObject({ state: 'ready', format: 'unknown', members: [] });
    expect(fs.existsSync(`${file}.damaged`)).toBe(false);
  });

  it('keeps a wallet being made apart from ready ones, and checks every change against the schema', () => {
    const store = new DrillStore(file, now);
    const wallet = store.begin('New savings', WALLET, 'slip39');
    expect(wallet).toMatchObject({ state: 'making', format: 'slip39', members: [], shareSets: [] });
    expect(() => store.begin('Again', WALLET, 'seed')).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
    const before = fs.readFileSync(file, 'utf8');
    expect(() =>
      store.update(wallet.walletId, (w) => ({
        ...w,
        members: [{ ...MEMBER, instanceId: 'not hex' }],
      })),
    ).toThrow();
    expect(() => store.update(wallet.walletId, (w) => ({ ...w, keyUid: OTHER_UID }))).toThrow(
      expect.objectContaining({ code: 'internal' }),
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    const ready = store.update(wallet.walletId, (w) => ({
      ...w,
      members: [MEMBER],
      state: 'ready',
    }));
    expect(new DrillStore(file, now).get(wallet.walletId)).toEqual(ready);
  });

  it('records a drill against the card of the set or the share set it checked', () => {
    const store = new DrillStore(file, now);
    const { walletId } = store.begin('Savings', WALLET, 'slip39');
    store.update(walletId, (w) => ({ ...w, members: [MEMBER], shareSets: [SHARE_SET] }));
    const card = store.check(walletId, 'card', WALLET, { card: { instanceId: MEMBER.instanceId } });
    const stranger = store.check(walletId, 'card', WALLET, {
      card: { instanceId: 'ff'.repeat(16) },
    });
    const shares = store.check(walletId, 'slip39', WALLET, {
      shareIdentifier: SHARE_SET.identifier,
    });
    expect(card.memberId).toBe(MEMBER.memberId);
    expect(stranger.memberId).toBeUndefined();
    expect(shares.shareSetId).toBe(SHARE_SET.shareSetId);
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

  it('name the copies of a set to bring by their labels, never where they are kept', () => {
    const store = new DrillStore(file, now);
    const { walletId } = store.begin('Savings', WALLET, 'slip39');
    store.update(walletId, (w) => ({
      ...w,
      members: [
        MEMBER,
        {
          ...MEMBER,
          memberId: '6d1f0a6e-6f8b-4c3e-9a77-0c1d2e3f4a5b',
          label: 'Gone',
          lostAt: '2025-03-01T10:00:00.000Z',
        },
      ],
      shareSets: [SHARE_SET],
      state: 'ready',
    }));
    const text = unfold(store.reminder(walletId, '2025-12-31').ics).join('\n');
    expect(text).toContain('Bring the card "Kitchen card"\\, the shares.');
    expect(text).not.toContain('Gone');
    expect(text).not.toContain('oven');
    expect(text).not.toContain('envelope');
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
