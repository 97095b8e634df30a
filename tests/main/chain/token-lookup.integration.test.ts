// A token added in Settings is what its chain says it is: symbol and decimals are read from
// the contract, and an address without code or a contract that is not a token is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAddress, hexlify, randomBytes } from 'ethers';
import { lookUpToken } from '../../../main/chain/token-lookup';
import { EvmNode } from '../../support/evm-node';
import { localNetwork } from '../../support/chain-harness';

let node: EvmNode;

beforeAll(async () => {
  node = await EvmNode.start({ chainId: 31337 });
});

afterAll(async () => {
  await node?.stop();
});

describe('looking up a token by address', () => {
  it('reads symbol and decimals from the contract', async () => {
    const address = await node.deployToken('LKP', 6);
    expect(await lookUpToken(localNetwork(31337, node.url), address.toLowerCase())).toEqual({
      address,
      symbol: 'LKP',
      decimals: 6,
    });
  });

  it('refuses an address without code', async () => {
    const nothing = getAddress(hexlify(randomBytes(20)));
    await expect(lookUpToken(localNetwork(31337, node.url), nothing)).rejects.toMatchObject({
      code: 'not-a-token',
      details: { reason: 'no-code', field: 'address' },
    });
  });

  it('refuses a contract that does not answer like an ERC-20 token', async () => {
    const contract = await node.deploy('PayableRecipient');
    await expect(lookUpToken(localNetwork(31337, node.url), contract)).rejects.toMatchObject({
      code: 'not-a-token',
      details: { reason: 'not-erc20' },
    });
  });
});
