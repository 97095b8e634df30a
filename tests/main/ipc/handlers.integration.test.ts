// window.lifeboat end to end below the page: the real buildApi over an in-memory IPC pair,
// the real services of main/services.ts, real pcscd + vpcd with two simulated Keycards, and
// a real local EVM chain. Expected values are computed here from the phrase, independently.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { computeAddress, parseEther, parseUnits } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LifeboatApi, Result, SweepEvent } from '../../../preload/api';
import { buildApi } from '../../../preload/build-api';
import { createServices, type Services } from '../../../main/services';
import { defaultSettings } from '../../../main/settings';
import { SimulatedKeycard, TEST_CA, insertIntoReader, type InsertedCard } from '../../sim/keycard';
import { EvmNode } from '../../support/evm-node';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { benchReaders } from '../../support/bench-readers';
import { waitFor } from '../../support/wait';
import { memoryIpc, type MemoryIpc } from './memory-ipc';

const OLD = 'Virtual PCD 00 00';
const NEW = 'Virtual PCD 00 01';
const MNEMONIC =
  'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal will';
const PIN = '482916';
const PUK = '739104628351';
const PAIRING = 'KeycardDefaultPairing';
const NETWORK = 'local';

let pcscd: PcscdHandle;
let node: EvmNode;
let dir: string;
let services: Services;
let ipc: MemoryIpc;
let api: LifeboatApi;
let token: string;
const slots: InsertedCard[] = [];
const sweepEvents: SweepEvent[] = [];

const root = HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC));
const expected = {
  keyUid: bytesToHex(sha256(secp256k1.Point.fromBytes(root.publicKey!).toBytes(false))),
  address: (i: number) =>
    computeAddress(`0x${bytesToHex(root.derive(`m/44'/60'/0'/0/${i}`).publicKey!)}`),
};

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

beforeAll(async () => {
  pcscd = await ensurePcscd();
  node = await EvmNode.start({ chainId: 31337 });
  token = await node.deployToken('TST', 6);
  await node.fund(expected.address(0), parseEther('2'));
  await node.mintToken(token, expected.address(0), parseUnits('1500', 6));

  slots.push(
    await insertIntoReader(
      SimulatedKeycard.initialized({
        pin: PIN,
        puk: PUK,
        pairingPassword: PAIRING,
        duressPin: '135790',
        mnemonic: MNEMONIC,
      }),
      OLD,
    ),
  );
  slots.push(await insertIntoReader(new SimulatedKeycard(), NEW));

  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-ipc-bench-'));
  services = await createServices({
    dataDir: dir,
    shell: 'harness',
    version: '0.0.0',
    readers: benchReaders(),
  });
  ipc = memoryIpc(services.dispatcher, services.events);
  api = buildApi(ipc);
  api.sweep.watch((event) => sweepEvents.push(event));
  await services.start();
  await waitFor(
    async () => {
      const readers = value(await api.readers.list()).readers;
      return readers.filter((r) => r.state === 'card-present').length === 2 ? true : undefined;
    },
    5000,
    'both cards in their readers',
  );
  const settings = defaultSettings([TEST_CA.publicKey]);
  value(
    await api.settings.save({
      ...settings,
      networks: [
        {
          id: NETWORK,
          name: 'Local chain',
          chainId: node.chainId,
          nativeSymbol: 'ETH',
          decimals: 18,
          rpcUrls: [node.url],
          feeModel: 'eip1559',
          enabled: true,
        },
        ...settings.networks,
      ],
      tokens: [{ networkId: NETWORK, address: token, symbol: 'TST', decimals: 6 }],
      preferences: { schemes: ['bip44'], gapLimit: 3 },
    }),
  );
});

afterAll(async () => {
  ipc?.close();
  await services?.stop();
  await Promise.all(slots.map((s) => s.remove()));
  await node?.stop();
  if (pcscd?.owned) await pcscd.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('window.lifeboat over the real bench', () => {
  let oldSession: string;
  let newSession: string;
  let discoveryId: string;

  it('opens, attests, pairs and unlocks the old card, showing tries before each attempt', async () => {
    // Two opens at once (a re-rendering page) share one session.
    const [opened, again] = await Promise.all([
      api.cards.open({ reader: OLD }).then(value),
      api.cards.open({ reader: OLD }).then(value),
    ]);
    expect(again.sessionId).toBe(opened.sessionId);
    oldSession = opened.sessionId;
    expect(opened.info).toMatchObject({ initialized: true, keyUid: expected.keyUid });
    expect(value(await api.cards.identify({ sessionId: oldSession }))).toMatchObject({
      verdict: 'genuine',
      caPublicKey: TEST_CA.publicKey,
    });
    const paired = value(await api.cards.pair({ sessionId: oldSession }));
    expect(paired.status).toEqual({ pinTries: 3, pukTries: 5, keyInitialized: true });
    expect(value(await api.cards.unlock({ sessionId: oldSession, pin: '000000' }))).toEqual({
      unlocked: false,
      pinTries: 2,
    });
    const unlocked = value(await api.cards.unlock({ sessionId: oldSession, pin: PIN }));
    expect(unlocked).toMatchObject({ unlocked: true, session: { status: { pinTries: 3 } } });
    const accounts = value(
      await api.cards.accounts({ sessionId: oldSession, scheme: 'bip44', start: 0, count: 3 }),
    );
    expect(accounts.map((a) => a.address)).toEqual([0, 1, 2].map(expected.address));
  });

  it('discovers the funded account and pays a small amount signed by the card', async () => {
    const found = value(
      await api.discovery.run({ source: { kind: 'card', sessionId: oldSession } }),
    );
    discoveryId = found.discoveryId;
    expect(found.accounts.map((a) => a.address)).toEqual([expected.address(0)]);
    expect(found.accounts[0]!.balances[0]!.assets).toEqual([
      { asset: 'native', symbol: 'ETH', decimals: 18, balance: parseEther('2').toString() },
      { asset: token, symbol: 'TST', decimals: 6, balance: parseUnits('1500', 6).toString() },
    ]);

    const to = `0x${'7'.repeat(40)}`;
    const plan = value(
      await api.transfers.plan({
        discoveryId,
        from: expected.address(0),
        networkId: NETWORK,
        to,
        asset: 'native',
        amount: parseEther('0.01').toString(),
      }),
    );
    expect(plan.fee.gasLimit).toBe('21000');
    const receipt = value(await api.transfers.send({ planId: plan.planId, confirmed: true }));
    expect(receipt.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await node.balance(to)).toBe(parseEther('0.01'));
    expect(await api.transfers.send({ planId: plan.planId, confirmed: true })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('sets up the blank card and sweeps everything to it, leaving 0 wei behind', async () => {
    const blank = value(await api.cards.open({ reader: NEW }));
    newSession = blank.sessionId;
    expect(blank.info.initialized).toBe(false);
    const ready = value(
      await api.cards.initialize({
        sessionId: newSession,
        pin: '246810',
        puk: '135792468013',
        pairingPassword: 'new card pairing',
      }),
    );
    expect(ready).toMatchObject({ paired: true, unlocked: true, info: { initialized: true } });
    const key = value(await api.cards.generateKey({ sessionId: newSession }));
    expect(key.address).toMatch(/^0x[0-9a-fA-F]{40}$/);

    // Balances changed with the payment: discover again, then plan from it.
    discoveryId = value(
      await api.discovery.run({ source: { kind: 'card', sessionId: oldSession } }),
    ).discoveryId;
    const plan = value(
      await api.sweep.plan({ discoveryId, destination: { kind: 'card', sessionId: newSession } }),
    );
    expect(plan.destination).toBe(key.address);
    expect(plan.steps.map((s) => s.kind)).toEqual(['token', 'native']);
    const { caseId } = value(await api.sweep.execute({ planId: plan.planId, confirmed: true }));
    const finished = await waitFor(
      () => sweepEvents.find((e) => e.caseId === caseId && e.type !== 'step'),
      60_000,
      'the sweep to end',
    );
    expect(finished.type).toBe('finished');
    expect(await node.balance(expected.address(0))).toBe(0n);
    expect(await node.tokenBalance(token, expected.address(0))).toBe(0n);
    expect(await node.tokenBalance(token, key.address)).toBe(parseUnits('1500', 6));
    const report = value(await api.sweep.report({ caseId }));
    expect(report.assets.every((a) => a.actualRemainder === '0')).toBe(true);
    expect(value(await api.sweep.unfinished())).toEqual([]);
  });

  it('drills the old card against a phrase backup by fingerprint', async () => {
    const wallet = value(
      await api.drills.remember({
        label: 'Old card',
        source: { kind: 'card', sessionId: oldSession },
      }),
    );
    expect(wallet).toMatchObject({ keyUid: expected.keyUid, firstAddress: expected.address(0) });
    const phrase = value(await api.secrets.enterPhrase({ phrase: MNEMONIC, passphrase: '' }));
    const result = value(
      await api.drills.check({
        walletId: wallet.walletId,
        source: { kind: 'secret', secretId: phrase.secretId },
      }),
    );
    expect(result).toMatchObject({ method: 'bip39', passed: true, keyUid: expected.keyUid });
  });

  it('closes a session when its card is pulled, with a typed reason', async () => {
    const closed = new Promise((resolve) =>
      api.cards.watch((event) => {
        if (event.type === 'session-closed' && event.sessionId === newSession) resolve(event);
      }),
    );
    await slots[1]!.remove();
    expect(await closed).toMatchObject({ reason: 'card-removed', reader: NEW });
    expect(
      await api.cards.accounts({ sessionId: newSession, scheme: 'bip44', start: 0, count: 1 }),
    ).toMatchObject({ ok: false, error: { code: 'card-removed' } });
  });
});
