// The real handler table behind the real buildApi, over an in-memory IPC pair, with the
// real services of main/services.ts on a temporary data folder. (Card flows over pcscd and
// the simulator are in handlers.integration.test.ts.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { computeAddress } from 'ethers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifeboatApi, SecretsEvent } from '../../../preload/api';
import { buildApi } from '../../../preload/build-api';
import { createServices, type Services } from '../../../main/services';
import { memoryIpc, type MemoryIpc } from './memory-ipc';
import slip39Vectors from '../../fixtures/vectors/slip39-trezor.json';
import bip39Vectors from '../../fixtures/vectors/bip39-trezor.json';

type Slip39Vector = [string, string[], string, string];

let dir: string;
let services: Services;
let ipc: MemoryIpc;
let api: LifeboatApi;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-ipc-'));
  // The reader layer is never started: these tests need no pcscd.
  services = await createServices({ dataDir: dir, shell: 'harness', version: '9.9.9' });
  ipc = memoryIpc(services.dispatcher, services.events);
  api = buildApi(ipc);
});

afterEach(async () => {
  ipc.close();
  await services.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The fingerprint of an xprv, computed without any Lifeboat code. */
function fingerprintOfXprv(xprv: string): { keyUid: string; firstAddress: string } {
  const root = HDKey.fromExtendedKey(xprv);
  const master = secp256k1.Point.fromBytes(root.publicKey!).toBytes(false);
  const first = root.derive("m/44'/60'/0'/0/0");
  return {
    keyUid: bytesToHex(sha256(master)),
    firstAddress: computeAddress(`0x${bytesToHex(first.publicKey!)}`),
  };
}

const KEYCARD_CA = '029ab99ee1e7a71bdf45b3f9c58c99866ff1294d2c1e304e228a86e10c3343501c';
const SATOCHIP_SUB_CA = '037135710c69172b257491a457bbef604eb83ae785da9ba92d80303f9fedbcf9e8';
const SEEDKEEPER_SUB_CA = '039a5fc4f7e9bcaa21552dcc69af2711a34e1b7e5eaf44161212cbb33758e2c7b5';

function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('the handler table through buildApi and an in-memory IPC pair', () => {
  it('answers app.info with the shell, the honest pairing protection and the built-in CA', async () => {
    const info = value(await api.app.info());
    expect(info).toEqual({
      version: '9.9.9',
      shell: 'harness',
      pairingProtection: expect.stringContaining(path.join(dir, 'pairings')),
      // The production Keycard CA and Toporin's Satochip and Seedkeeper sub-CAs (pysatochip's
      // cert/ folder) are trusted by default, shown in the settings as built in.
      builtInCaKeys: [KEYCARD_CA, SATOCHIP_SUB_CA, SEEDKEEPER_SUB_CA],
      builtInAuthorities: [
        { family: 'keycard', key: KEYCARD_CA },
        { family: 'satochip', key: SATOCHIP_SUB_CA },
        { family: 'seedkeeper', key: SEEDKEEPER_SUB_CA },
      ],
    });
    expect(ipc.invoked).toEqual(['lifeboat:app.info']);
  });

  it('reports a reader layer that is not running as no-service', async () => {
    expect(value(await api.readers.list())).toEqual({ state: 'no-service', readers: [] });
  });

  it('saves settings through main and refuses invalid ones with a typed error', async () => {
    const settings = value(await api.settings.get());
    const local = {
      id: 'local',
      name: 'Local node',
      chainId: 31337,
      nativeSymbol: 'ETH',
      decimals: 18,
      rpcUrls: ['http://127.0.0.1:8545'],
      feeModel: 'eip1559' as const,
      enabled: true,
    };
    const saved = value(
      await api.settings.save({ ...settings, networks: [...settings.networks, local] }),
    );
    expect(saved.networks.at(-1)).toEqual(local);
    expect(value(await api.settings.get())).toEqual(saved);
    const bad = await api.settings.save({
      ...saved,
      networks: [{ ...local, rpcUrls: ['ftp://x'] }],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(value(await api.settings.get())).toEqual(saved);
  });

  it('rebuilds an official SLIP-39 2-of-3 backup with live checks and progress events', async () => {
    const [, shares, , xprv] = (slip39Vectors as Slip39Vector[])[3]!;
    const events: SecretsEvent[] = [];
    const stop = api.secrets.watch((event) => events.push(event));
    const { shareSetId } = value(await api.secrets.startShareSet());
    const first = value(await api.secrets.addShare({ shareSetId, share: shares[0]! }));
    expect(first).toMatchObject({
      accepted: true,
      progress: { sharesEntered: 1, groupThreshold: 1, complete: false },
    });
    const typo = shares[1]!.replace(/^(\S+ \S+ )(\S+)/, '$1zzzz');
    const rejected = value(await api.secrets.addShare({ shareSetId, share: typo }));
    expect(rejected.accepted).toBe(false);
    expect(rejected.problem?.code).toMatch(/^invalid-/);
    const second = value(await api.secrets.addShare({ shareSetId, share: shares[1]! }));
    expect(second.progress.complete).toBe(true);

    const secret = value(await api.secrets.combine({ shareSetId, passphrase: 'TREZOR' }));
    const expected = fingerprintOfXprv(xprv);
    expect(secret).toEqual({
      secretId: expect.any(String),
      kind: 'slip39',
      keyUid: expected.keyUid,
      addresses: expect.arrayContaining([expected.firstAddress]),
    });
    expect(secret.addresses[0]).toBe(expected.firstAddress);
    const progress = events.filter((e) => e.type === 'combine-progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ shareSetId, done: expect.any(Number) });
    stop();

    const accounts = value(
      await api.secrets.accounts({
        secretId: secret.secretId,
        scheme: 'bip44',
        start: 0,
        count: 2,
      }),
    );
    expect(accounts[0]).toEqual({
      scheme: 'bip44',
      index: 0,
      path: "m/44'/60'/0'/0/0",
      address: expected.firstAddress,
    });
    expect(JSON.stringify(accounts)).not.toMatch(/xprv|private/i);
  });

  it('drills a backup against a remembered wallet by fingerprint, without moving funds', async () => {
    const [entropy, phrase, , xprv] = (bip39Vectors as { english: string[][] }).english[0]!;
    expect(entropy).toBe('00000000000000000000000000000000');
    const wallet = value(await api.secrets.enterPhrase({ phrase: phrase!, passphrase: 'TREZOR' }));
    const record = value(
      await api.drills.remember({
        label: 'Savings',
        source: { kind: 'secret', secretId: wallet.secretId },
      }),
    );
    expect(record).toMatchObject({ label: 'Savings', ...fingerprintOfXprv(xprv!), results: [] });

    const same = value(await api.secrets.enterPhrase({ phrase: phrase!, passphrase: 'TREZOR' }));
    const pass = value(
      await api.drills.check({
        walletId: record.walletId,
        source: { kind: 'secret', secretId: same.secretId },
      }),
    );
    expect(pass).toMatchObject({ method: 'bip39', passed: true, keyUid: record.keyUid });

    const other = value(await api.secrets.enterPhrase({ phrase: phrase!, passphrase: '' }));
    const fail = value(
      await api.drills.check({
        walletId: record.walletId,
        source: { kind: 'secret', secretId: other.secretId },
      }),
    );
    expect(fail.passed).toBe(false);
    expect(fail.keyUid).not.toBe(record.keyUid);
    expect(value(await api.drills.list())[0]!.results).toEqual([pass, fail]);

    const reminder = value(
      await api.drills.reminder({ walletId: record.walletId, date: '2026-01-15' }),
    );
    expect(reminder.ics).toContain('DTSTART;VALUE=DATE:20260115');
  });

  it('turns failures into typed errors, never exceptions', async () => {
    expect(await api.cards.open({ reader: 'No Such Reader' })).toMatchObject({
      ok: false,
      error: { code: 'reader-not-found' },
    });
    expect(await api.cards.unlock({ sessionId: 'nope', pin: '123456' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await api.secrets.combine({ shareSetId: 'gone', passphrase: '' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(
      await api.secrets.accounts({ secretId: 'gone', scheme: 'bip44', start: 0, count: 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/secret-not-found|not-found/) },
    });
    expect(await api.drills.forget({ walletId: 'gone' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
