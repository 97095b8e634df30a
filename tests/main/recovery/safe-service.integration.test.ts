// The Safe service against the real Safe v1.5.0 contracts on a local node: which remembered
// Safes a wallet owns when one network is dead, and which owner each held wallet signs a
// job as. The wallets are seeds from test phrases, as a rebuilt secret is held.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mnemonicToSeedSync } from '@scure/bip39';
import { HDNodeWallet, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceRef } from '../../../preload/api';
import { RememberedSafes } from '../../../main/cases/remembered-safes';
import { customNetwork, type Network } from '../../../main/chain/networks';
import { LifeboatError } from '../../../main/errors';
import { SafeService } from '../../../main/recovery/safe-service';
import { seedAccess } from '../../../main/sources/seed-source';
import { EvmNode } from '../../support/evm-node';
import { deploySafe, installSafeContracts } from '../../support/safe-contracts';

/** Test phrases only. */
const OWNER_PHRASE =
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const STRANGER_PHRASE =
  'legal winner thank year wave sausage worth useful legal winner thank yellow';

const owner: SourceRef = { kind: 'secret', secretId: 'owner' };
const stranger: SourceRef = { kind: 'secret', secretId: 'stranger' };
const gone: SourceRef = { kind: 'card', sessionId: 'pulled' };
/** The owner wallet's second account: an owner is looked for beyond the first. */
const ownerSecond = HDNodeWallet.fromPhrase(OWNER_PHRASE, undefined, "m/44'/60'/0'/0/1").address;
const strangerFirst = Wallet.fromPhrase(STRANGER_PHRASE).address;

let node: EvmNode;
let dataDir: string;
let live: Network;
let dead: Network;

/** A port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function service(): SafeService {
  const seeds = new Map([
    ['owner', mnemonicToSeedSync(OWNER_PHRASE)],
    ['stranger', mnemonicToSeedSync(STRANGER_PHRASE)],
  ]);
  return new SafeService({
    dataDir,
    networks: () => [live, dead],
    tokens: () => [],
    defaults: () => ({}),
    source: (ref) => {
      const seed = ref.kind === 'secret' ? seeds.get(ref.secretId) : undefined;
      if (!seed) throw new LifeboatError('card-removed');
      return seedAccess((fn) => fn(seed));
    },
    remembered: new RememberedSafes(path.join(dataDir, 'safes.json')),
    rpc: { timeoutMs: 2000 },
  });
}

beforeAll(async () => {
  node = await EvmNode.start({ chainId: 31337 });
  await installSafeContracts(node);
  live = customNetwork({ chainId: 31337, rpcUrls: [node.url], name: 'Live' });
  dead = customNetwork({
    chainId: 31338,
    rpcUrls: [`http://127.0.0.1:${await closedPort()}`],
    name: 'Dead',
  });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-safe-service-'));
});

afterAll(async () => {
  await node?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the remembered Safes a wallet owns', () => {
  it('are found on a live network while a dead one is reported per Safe, not for all', async () => {
    const mine = await deploySafe(node, [ownerSecond, strangerFirst], 2);
    const notMine = await deploySafe(node, [strangerFirst], 1);
    const remembered = new RememberedSafes(path.join(dataDir, 'safes.json'));
    remembered.remember({ networkId: dead.id, address: Wallet.createRandom().address });
    remembered.remember({ networkId: live.id, address: notMine });
    remembered.remember({ networkId: live.id, address: mine });
    // A Safe on a network the person switched off is neither listed nor reported.
    remembered.remember({ networkId: 'chain-5', address: Wallet.createRandom().address });

    const owned = await service().owned(owner);
    expect(owned.safes.map((s) => [s.networkId, s.address])).toEqual([[live.id, mine]]);
    expect(owned.safes[0]!.owners).toEqual([
      { address: ownerSecond, heldBy: owner },
      { address: strangerFirst },
    ]);
    expect(owned.safes[0]!.threshold).toBe(2);
    expect(owned.unread).toHaveLength(1);
    expect(owned.unread[0]!.safe.networkId).toBe(dead.id);
    expect(owned.unread[0]!.error.code).toMatch(/^rpc-/);
  });
});

describe('the owner each held wallet signs a job as', () => {
  it('is its owning account, none for a stranger, and a wallet that is gone is left out', async () => {
    const safe = await deploySafe(node, [ownerSecond, Wallet.createRandom().address], 2);
    const safes = service();
    const proposal = await safes.proposals.propose(live.id, safe, {
      kind: 'change-threshold',
      threshold: 1,
    });
    const before = await safes.holderOwners(proposal.proposalId, [owner, stranger, gone]);
    expect(before).toEqual([
      { source: owner, owner: ownerSecond },
      { source: stranger, owner: null },
    ]);
    const signed = await safes.sign(proposal.proposalId, owner);
    expect(signed.signed).toEqual([ownerSecond]);
  });
});
