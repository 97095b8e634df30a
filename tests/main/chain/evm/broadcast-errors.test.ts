import { describe, expect, it } from 'vitest';
import { classifyBroadcastRefusal } from '../../../../main/chain/evm/broadcast-errors';

describe('classifyBroadcastRefusal', () => {
  it.each([
    // geth / erigon / reth
    ['already known', 'known'],
    ['nonce too low: next nonce 5, tx nonce 4', 'nonce-used'],
    ['replacement transaction underpriced', 'replacement-underpriced'],
    [
      'max fee per gas less than block base fee: address 0x1, maxFeePerGas: 1, baseFee: 2',
      'fee-too-low',
    ],
    ['transaction underpriced', 'fee-too-low'],
    ['insufficient funds for gas * price + value: balance 1, tx cost 2', 'insufficient-funds'],
    // nethermind
    ['AlreadyKnown', 'known'],
    ['OldNonce, Current nonce: 5, nonce of rejected tx: 4', 'nonce-used'],
    ['FeeTooLow', 'fee-too-low'],
    // hardhat
    ['Known transaction: 0xabc', 'known'],
    ['Transaction nonce too low. Expected nonce to be at least 1 but got 0.', 'nonce-used'],
    [
      'Transaction maxFeePerGas (2000000000) is too low for the next block, which has a baseFeePerGas of 10000000000',
      'fee-too-low',
    ],
    [
      'Replacement transaction underpriced. A gasPrice/maxFeePerGas of at least 2200000000 is necessary',
      'replacement-underpriced',
    ],
    [
      "Sender doesn't have enough funds to send tx. The max upfront cost is: 1",
      'insufficient-funds',
    ],
    ['execution reverted', 'other'],
  ])('%s → %s', (message, kind) => {
    expect(classifyBroadcastRefusal(message)).toBe(kind);
  });
});
