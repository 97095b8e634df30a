// What the command-line integration tests over cards and a chain stand on: pcscd with both
// virtual readers for the file, a fresh local chain and data folder for each test, and the
// cards a test put in taken out after it, so the next test starts from empty readers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { PcscReaders } from '../../main/cards/pcsc/pcsc-readers';
import { benchReaders } from './bench-readers';
import { EvmNode } from './evm-node';
import { ensurePcscd, type PcscdHandle } from './pcscd';
import { waitFor } from './wait';

/** A card in a reader that the bench takes out after the test. */
export interface RemovableCard {
  remove(): Promise<void>;
}

export interface CardChainBench {
  readonly readers: PcscReaders;
  readonly node: EvmNode;
  readonly dataDir: string;
  /** Cards put in during the current test. */
  readonly slots: RemovableCard[];
}

export function useCardChainBench(options: {
  /** Names the test's data folder in the temporary directory. */
  dataPrefix: string;
  /** Runs on each new chain before the test, e.g. to install contracts. */
  prepareNode?: (node: EvmNode) => Promise<void>;
}): CardChainBench {
  let pcscd: PcscdHandle | undefined;
  let readers: PcscReaders | undefined;
  let node: EvmNode | undefined;
  let dataDir: string | undefined;
  const slots: RemovableCard[] = [];
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The bench's ${what} is not set up yet.`);
    return value;
  };

  beforeAll(async () => {
    pcscd = await ensurePcscd();
    readers = benchReaders({ retryMs: 200 });
    await readers.start();
    const started = readers;
    await waitFor(
      () => (started.snapshot().readers.length === 2 ? true : undefined),
      5000,
      'readers',
    );
  });

  beforeEach(async () => {
    node = await EvmNode.start({ chainId: 31337 });
    await options.prepareNode?.(node);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), options.dataPrefix));
  });

  afterEach(async () => {
    for (const slot of slots.splice(0)) await slot.remove();
    const started = ready(readers, 'readers');
    // The next test starts only once pcscd has seen both readers empty.
    await waitFor(
      () =>
        started.snapshot().readers.every((r) => r.state === 'waiting-for-card') ? true : undefined,
      5000,
      'empty readers',
    );
    await node?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  afterAll(async () => {
    await readers?.stop();
    if (pcscd?.owned) await pcscd.stop();
  });

  return {
    get readers() {
      return ready(readers, 'readers');
    },
    get node() {
      return ready(node, 'chain');
    },
    get dataDir() {
      return ready(dataDir, 'data folder');
    },
    slots,
  };
}
