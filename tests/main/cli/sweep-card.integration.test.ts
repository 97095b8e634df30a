// Sweeps whose keys are on Keycards: the simulated card in a vpcd virtual reader through real
// pcscd, a real local EVM node, and `lifeboat sweep` (or the chain service) signing with the
// card — the same plan and case engine as a seed-sourced sweep.
import fs from 'node:fs';
import path from 'node:path';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { describe, expect, it } from 'vitest';
import { getAddress, hexlify, randomBytes } from 'ethers';
import type { SourceRef, SweepEvent } from '../../../preload/api';
import { DiscoveryCache } from '../../../main/recovery/discovery-cache';
import { RecoveryService } from '../../../main/recovery/recovery-service';
import { cardAccess } from '../../../main/sources/card-source';
import { CardService } from '../../../main/cards/card-service';
import { keyFileSecretBox } from '../../../main/cards/keycard/key-file-box';
import { FilePairingStore } from '../../../main/cards/keycard/pairing-store';
import type { Token } from '../../../main/chain/tokens';
import { localNetwork } from '../../support/chain-harness';
import { testWallet, type TestWallet } from '../../support/test-wallet';
import { waitFor } from '../../support/wait';
import { useCardChainBench } from '../../support/card-chain-bench';
import { SimulatedKeycard, insertIntoReader, type InsertedCard } from '../../sim/keycard';
import { runCli } from './cli-harness';

const SOURCE_READER = 'Virtual PCD 00 01';
const DEST_READER = 'Virtual PCD 00 00';
const PIN = '246810';
const NEW_PIN = '135791';
const PUK = '123456789012';
const PAIRING_PASSWORD = 'KeycardDefaultPairing';
const ETHER = 10n ** 18n;

const bench = useCardChainBench({ dataPrefix: 'lifeboat-card-sweep-' });

function keyUidOf(wallet: TestWallet): string {
  const master = HDKey.fromMasterSeed(wallet.seed).publicKey!;
  return bytesToHex(sha256(secp256k1.Point.fromBytes(master).toBytes(false)));
}

async function cardWith(wallet: TestWallet, reader: string, pin: string): Promise<InsertedCard> {
  const card = SimulatedKeycard.initialized({
    pin,
    puk: PUK,
    pairingPassword: PAIRING_PASSWORD,
    mnemonic: wallet.mnemonic,
  });
  const slot = await insertIntoReader(card, reader as typeof SOURCE_READER);
  bench.slots.push(slot);
  await waitFor(
    () =>
      bench.readers.snapshot().readers.find((r) => r.name === reader)?.state === 'card-present'
        ? true
        : undefined,
    5000,
    `a card in ${reader}`,
  );
  return slot;
}

async function tokensFor(owner: string, amounts: bigint[]): Promise<Token[]> {
  const list: Token[] = [];
  for (const [i, amount] of amounts.entries()) {
    const address = await bench.node.deployToken(`C${i}`, 18);
    await bench.node.mintToken(address, owner, amount);
    list.push({ address, symbol: `C${i}`, decimals: 18 });
  }
  return list;
}

describe('lifeboat discover on a Keycard', () => {
  it('reads the PIN from standard input and lists the card’s used accounts', async () => {
    const wallet = testWallet();
    await cardWith(wallet, SOURCE_READER, PIN);
    await bench.node.fund(wallet.address(1), 5n);
    const run = await runCli(
      [
        'discover',
        '--rpc',
        `31337=${bench.node.url}`,
        '--from-reader',
        SOURCE_READER,
        '--scheme',
        'bip44',
        '--gap-limit',
        '2',
        '--data-dir',
        bench.dataDir,
        '--json',
      ],
      `${PIN}\n`,
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      accounts: { index: number; address: string }[];
      scanned: { addresses: number };
    };
    expect(result.accounts.map((a) => [a.index, a.address])).toEqual([[1, wallet.address(1)]]);
    expect(result.scanned.addresses).toBe(4);
    const wrong = await runCli(
      [
        'discover',
        '--rpc',
        `31337=${bench.node.url}`,
        '--from-reader',
        SOURCE_READER,
        '--data-dir',
        bench.dataDir,
        '--json',
      ],
      '000000\n',
    );
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ error: { code: 'wrong-pin', triesLeft: 2 } });
  });
});

describe('lifeboat sweep from a Keycard', () => {
  it('moves ETH and three tokens from the card’s account to a fresh address, leaving 0 wei', async () => {
    const wallet = testWallet();
    await cardWith(wallet, SOURCE_READER, PIN);
    const from = wallet.address(0);
    const list = await tokensFor(from, [10n, 20n * ETHER, 30n]);
    await bench.node.fund(from, ETHER);
    const to = getAddress(hexlify(randomBytes(20)));

    const run = await runCli(
      [
        'sweep',
        'execute',
        '--rpc',
        `31337=${bench.node.url}`,
        '--from-reader',
        SOURCE_READER,
        '--to',
        to,
        '--tokens',
        list.map((t) => t.address).join(','),
        '--scheme',
        'bip44',
        '--gap-limit',
        '2',
        '--data-dir',
        bench.dataDir,
        '--poll-interval',
        '20',
        '--yes',
        '--json',
      ],
      `${PIN}\n`,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      caseId: string;
      state: string;
      steps: { txHash: string }[];
    };
    expect(result.state).toBe('finished');
    expect(await bench.node.balance(from)).toBe(0n);
    for (const [i, t] of list.entries()) {
      expect(await bench.node.tokenBalance(t.address, to)).toBe([10n, 20n * ETHER, 30n][i]);
    }
    const sent = await bench.node.transactionsFrom(from);
    expect(sent.map((t) => t.hash)).toEqual(result.steps.map((s) => s.txHash));
    const record = JSON.parse(
      fs.readFileSync(path.join(bench.dataDir, 'cases', result.caseId, 'case.json'), 'utf8'),
    ) as { source: { kind: string; keyUid: string } };
    expect(record.source).toMatchObject({ kind: 'card', keyUid: keyUidOf(wallet) });
  });

  it('pays missing gas from the new card, which signs the top-up, then moves everything', async () => {
    const oldWallet = testWallet();
    const newWallet = testWallet();
    await cardWith(oldWallet, SOURCE_READER, PIN);
    await cardWith(newWallet, DEST_READER, NEW_PIN);
    const from = oldWallet.address(0);
    const to = newWallet.address(0);
    const list = await tokensFor(from, [5n, 6n]);
    await bench.node.fund(from, 1n);
    await bench.node.fund(to, ETHER);

    const run = await runCli(
      [
        'sweep',
        'execute',
        '--rpc',
        `31337=${bench.node.url}`,
        '--from-reader',
        SOURCE_READER,
        '--to-reader',
        DEST_READER,
        '--top-up',
        '--tokens',
        list.map((t) => t.address).join(','),
        '--scheme',
        'bip44',
        '--gap-limit',
        '1',
        '--data-dir',
        bench.dataDir,
        '--poll-interval',
        '20',
        '--yes',
        '--json',
      ],
      `${PIN}\n${NEW_PIN}\n`,
    );

    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      state: string;
      plan: { destination: string; steps: { kind: string; from: string }[] };
    };
    expect(result.plan.destination).toBe(to);
    expect(result.plan.steps.map((s) => [s.kind, s.from])).toEqual([
      ['top-up', to],
      ['token', from],
      ['token', from],
      ['native', from],
    ]);
    expect(result.state).toBe('finished');
    expect(await bench.node.balance(from)).toBe(0n);
    for (const t of list) expect(await bench.node.tokenBalance(t.address, from)).toBe(0n);
    expect((await bench.node.transactionsFrom(to)).length).toBe(1);
  });
});

describe('a card pulled in the middle of a sweep', () => {
  it('pauses the case; with the card back and unlocked again, the case resumes and finishes', async () => {
    const wallet = testWallet();
    const slot = await cardWith(wallet, SOURCE_READER, PIN);
    const from = wallet.address(0);
    const list = await tokensFor(from, [1n, 2n]);
    await bench.node.fund(from, ETHER);
    const network = localNetwork(31337, bench.node.url);
    const cards = new CardService({
      readers: bench.readers,
      pairings: new FilePairingStore(bench.dataDir, await keyFileSecretBox(bench.dataDir)),
      trustedCaKeys: () => [],
    });
    const unlock = async (): Promise<SourceRef> => {
      const { sessionId } = await cards.open(SOURCE_READER);
      await cards.pair(sessionId);
      expect(await cards.unlock(sessionId, PIN)).toMatchObject({ unlocked: true });
      return { kind: 'card', sessionId };
    };
    const service = new RecoveryService({
      dataDir: bench.dataDir,
      networks: () => [network],
      tokens: () => list,
      defaults: () => ({ schemes: ['bip44'], gapLimit: 1 }),
      source: async (ref) => {
        if (ref.kind !== 'card') throw new Error('cards only');
        return cardAccess(cards, ref.sessionId);
      },
      discoveries: new DiscoveryCache(),
      pollMs: 20,
    });
    try {
      const source = await unlock();
      const discovery = await service.discover({ source });
      const plan = await service.plan({
        discoveryId: discovery.discoveryId,
        destination: { kind: 'address', address: getAddress(hexlify(randomBytes(20))) },
      });
      let pulled: Promise<void> | undefined;
      const onEvent = (e: SweepEvent) => {
        // The card leaves the reader as soon as the first step is confirmed.
        if (e.type === 'step' && e.step.index === 0 && e.step.state === 'confirmed')
          pulled ??= slot.remove();
      };
      const paused = await (await service.execute(plan.planId, onEvent)).done;
      await pulled;
      expect(paused.state).toBe('paused');
      expect(['card-removed', 'no-card', 'reader-error']).toContain(paused.stopped?.code);
      expect(paused.steps.map((s) => s.state)).toEqual(['confirmed', 'planned', 'planned']);

      await slot.reinsert();
      await waitFor(
        () =>
          bench.readers.snapshot().readers.find((r) => r.name === SOURCE_READER)?.state ===
          'card-present'
            ? true
            : undefined,
        5000,
        'the card back',
      );
      const done = await (await service.resume(paused.caseId, await unlock())).done;
      expect(done.state).toBe('finished');
      expect(await bench.node.balance(from)).toBe(0n);
      expect((await bench.node.transactionsFrom(from)).map((t) => t.nonce)).toEqual([0, 1, 2]);
    } finally {
      await service.stop();
      await cards.dispose();
    }
  });
});
