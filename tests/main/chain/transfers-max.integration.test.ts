// "Max" in a payment against a real node: all of a token, or all of the coin less the fee at
// the quoted price (the tip equals the fee cap, so nothing is left), and a coin balance too
// small to pay its own fee is refused.
import { Wallet, parseEther, parseUnits } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveryResult } from '../../../preload/api';
import { Transfers } from '../../../main/chain/transfers';
import { localNetwork } from '../../support/chain-harness';
import { EvmNode } from '../../support/evm-node';

let node: EvmNode;
let token: string;
const holder = Wallet.createRandom().address;
const poor = Wallet.createRandom().address;
const to = Wallet.createRandom().address;

function discovery(address: string): DiscoveryResult {
  return {
    discoveryId: 'd1',
    source: { kind: 'secret', secretId: 's1' },
    accounts: [
      {
        scheme: 'bip44',
        index: 0,
        path: "m/44'/60'/0'/0/0",
        address,
        balances: [
          {
            networkId: 'chain-31337',
            nonce: 0,
            assets: [
              { asset: 'native', symbol: 'ETH', decimals: 18, balance: '1' },
              { asset: token, symbol: 'TOK', decimals: 6, balance: '1' },
            ],
          },
        ],
      },
    ],
    scanned: { schemes: ['bip44'], networkIds: ['chain-31337'], addresses: 1, tokens: 1 },
  };
}

function transfers(address: string): Transfers {
  return new Transfers({
    network: () => localNetwork(31337, node.url),
    discovery: () => discovery(address),
    signer: () => {
      throw new Error('planning signs nothing');
    },
    feeCap: () => undefined,
  });
}

beforeAll(async () => {
  node = await EvmNode.start({ chainId: 31337 });
  token = await node.deployToken('TOK', 6);
  await node.fund(holder, parseEther('2'));
  await node.mintToken(token, holder, parseUnits('123.456789', 6));
  await node.fund(poor, 1000n);
});

afterAll(async () => {
  await node?.stop();
});

describe('Max in a payment', () => {
  it('moves the whole coin balance less the fee, to exactly zero', async () => {
    const plan = await transfers(holder).plan({
      discoveryId: 'd1',
      from: holder,
      networkId: 'chain-31337',
      to,
      asset: 'native',
      amount: 'max',
    });
    expect(plan.fee.gasLimit).toBe('21000');
    expect(plan.fee.maxPriorityFeePerGas).toBe(plan.fee.maxFeePerGas);
    expect(BigInt(plan.amount) + BigInt(plan.fee.maxCost)).toBe(parseEther('2'));
  });

  it('moves the whole token balance, read from the chain', async () => {
    const plan = await transfers(holder).plan({
      discoveryId: 'd1',
      from: holder,
      networkId: 'chain-31337',
      to,
      asset: token,
      amount: 'max',
    });
    expect(plan.amount).toBe(parseUnits('123.456789', 6).toString());
  });

  it('refuses a coin balance that cannot pay its own fee, and a token it no longer holds', async () => {
    const request = { discoveryId: 'd1', from: poor, networkId: 'chain-31337', to, amount: 'max' };
    await expect(transfers(poor).plan({ ...request, asset: 'native' })).rejects.toMatchObject({
      code: 'insufficient-gas',
    });
    await expect(transfers(poor).plan({ ...request, asset: token })).rejects.toMatchObject({
      code: 'invalid-input',
      details: { field: 'amount' },
    });
  });
});
