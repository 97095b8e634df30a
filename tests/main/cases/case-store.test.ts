import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planSweep } from '../../../main/chain/sweep-plan';
import { CASE_FORMAT, type CaseRecord } from '../../../main/cases/case-record';
import { CaseStore } from '../../../main/cases/case-store';

const ADDRESS = '0x1111111111111111111111111111111111111111';
const DEST = '0x3333333333333333333333333333333333333333';
let dir: string;
let store: CaseStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-cases-'));
  store = new CaseStore(dir);
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function record(caseId = CaseStore.newCaseId()): CaseRecord {
  const plan = planSweep(
    [
      {
        network: {
          id: 'net',
          name: 'Net',
          chainId: 5,
          nativeSymbol: 'ETH',
          decimals: 18,
          feeModel: 'eip1559',
        },
        fee: {
          model: 'eip1559',
          baseFee: 10n,
          tip: 1n,
          maxFeePerGas: 14n,
          maxPriorityFeePerGas: 14n,
          blockNumber: 1,
        },
        destination: { address: DEST, kind: 'eoa', native: 0n, nonce: 0, canSign: false },
        sources: [
          {
            account: { scheme: 'bip44', index: 0, path: "m/44'/60'/0'/0/0", address: ADDRESS },
            native: 10n ** 30n,
            nonce: 0,
            tokens: [],
            refusedTokens: [],
            nativeGasEstimate: 21_000n,
            nativeL1Fee: 0n,
            topUpGasEstimate: 21_000n,
            topUpL1Fee: 0n,
          },
        ],
      },
    ],
    { feeCaps: {}, allowTopUp: false },
  );
  const now = new Date().toISOString();
  return {
    format: CASE_FORMAT,
    caseId,
    planId: 'plan-1',
    createdAt: now,
    updatedAt: now,
    state: 'paused',
    plan,
    planCreatedAt: now,
    source: { kind: 'secret', addresses: [ADDRESS] },
    destination: { address: DEST },
    scanned: { schemes: ['bip44'], networkIds: ['net'], addresses: 3, tokens: 0 },
    confirmations: 1,
    steps: [{ index: 0, state: 'planned', attempts: [] }],
  };
}

describe('CaseStore', () => {
  it('round-trips a case, bigints included, in private files without leftovers', () => {
    const original = record();
    store.create(original);
    expect(store.load(original.caseId)).toEqual(original);
    const caseDir = store.dir(original.caseId);
    expect(fs.readdirSync(caseDir)).toEqual(['case.json']);
    expect(fs.statSync(path.join(caseDir, 'case.json')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(caseDir).mode & 0o777).toBe(0o700);
    // Amounts above 2^53 survive exactly.
    expect(fs.readFileSync(path.join(caseDir, 'case.json'), 'utf8')).toContain(
      `"${original.plan.steps[0]!.amount.toString()}"`,
    );
  });

  it('reports missing, malformed and tampered cases without using them', () => {
    expect(() => store.load('20990101-000000-00000000')).toThrow(
      expect.objectContaining({ code: 'case-not-found' }),
    );
    expect(() => store.load('../../etc')).toThrow(
      expect.objectContaining({ code: 'case-not-found' }),
    );
    const original = record();
    store.create(original);
    const file = path.join(store.dir(original.caseId), 'case.json');
    const text = fs.readFileSync(file, 'utf8');
    for (const broken of [
      text.slice(0, text.length / 2),
      text.replace(/"amount": "\d+"/, '"amount": "lots"'),
      text.replace(/"state": "paused"/, '"state": "exploded"'),
      text.replace(original.caseId, '20990101-000000-ffffffff'),
    ]) {
      fs.writeFileSync(file, broken);
      expect(() => store.load(original.caseId)).toThrow(
        expect.objectContaining({ code: 'case-corrupt' }),
      );
    }
  });

  it('reads a case written when warnings were English notes, keeping all but the notes', () => {
    const original = record();
    original.plan.warnings = [
      {
        code: 'remainder-expected',
        networkId: 'net',
        account: ADDRESS,
        params: { amount: '5', symbol: 'ETH', decimals: '18', cause: 'measured-gas' },
      },
    ];
    store.create(original);
    expect(store.load(original.caseId)).toEqual(original);
    const file = path.join(store.dir(original.caseId), 'case.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { plan: { warnings: unknown[] } };
    json.plan.warnings = [
      { code: 'tx-rejected', message: 'The AAA contract refuses to transfer.', networkId: 'net' },
    ];
    fs.writeFileSync(file, JSON.stringify(json));
    expect(store.load(original.caseId)).toEqual({
      ...original,
      plan: { ...original.plan, warnings: [] },
    });
  });

  it('lists case ids newest first', () => {
    const older = record(CaseStore.newCaseId(new Date('2030-01-01T00:00:00Z')));
    const newer = record(CaseStore.newCaseId(new Date('2031-01-01T00:00:00Z')));
    store.create(older);
    store.create(newer);
    expect(store.ids()).toEqual([newer.caseId, older.caseId]);
  });

  it('keeps a log whose torn last line is skipped', () => {
    const original = record();
    store.create(original);
    store.log(original.caseId, { event: 'signed', step: 0, hash: '0xab' });
    fs.appendFileSync(path.join(store.dir(original.caseId), 'log.jsonl'), '{"event":"broad');
    expect(store.readLog(original.caseId).map((e) => e.event)).toEqual(['signed']);
  });
});

describe('the case lock', () => {
  it('lets one runner at a time hold a case', () => {
    const original = record();
    store.create(original);
    const lock = store.lock(original.caseId);
    expect(() => store.lock(original.caseId)).toThrow(
      expect.objectContaining({ code: 'case-busy' }),
    );
    lock.assertHeld();
    lock.release();
    store.lock(original.caseId).release();
  });

  it('refuses a lock held by another live process, and takes over one left by a dead process', () => {
    const original = record();
    store.create(original);
    const file = path.join(store.dir(original.caseId), 'lock');
    fs.writeFileSync(file, String(process.ppid));
    expect(() => store.lock(original.caseId)).toThrow(
      expect.objectContaining({
        code: 'case-busy',
        details: { caseId: original.caseId, pid: process.ppid },
      }),
    );
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    fs.writeFileSync(file, String(dead));
    const lock = store.lock(original.caseId);
    expect(fs.readFileSync(file, 'utf8')).toBe(String(process.pid));
    // Another process that took the lock over makes this runner stop at its next save.
    fs.writeFileSync(file, String(process.ppid));
    expect(() => lock.assertHeld()).toThrow(expect.objectContaining({ code: 'case-busy' }));
    lock.release();
    expect(fs.readFileSync(file, 'utf8')).toBe(String(process.ppid));
  });
});
