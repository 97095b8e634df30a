import { describe, expect, it } from 'vitest';
import type { PlanWarning, PlanWarningCode } from '../../../preload/api';
import { warningText } from '../../../renderer/sweep/plan-warnings';

const ACCOUNT = '0x1111111111111111111111111111111111111111';
const PARAMS = {
  symbol: 'ETH',
  decimals: '18',
  delegate: '0x2222222222222222222222222222222222222222',
  fees: '1500000000000000',
  topUp: '2000000000000000',
  available: '1000',
  amount: '21000000000000',
};

const CODES: PlanWarningCode[] = [
  'destination-is-contract',
  'destination-delegated',
  'token-refused',
  'top-up-needed',
  'top-up-not-allowed',
  'top-up-short',
  'native-refused',
  'native-below-fee',
  'remainder-expected',
];

describe('plan warnings in the console’s words', () => {
  it.each(CODES)('%s is worded with every value filled in', (code) => {
    const warning: PlanWarning = { code, networkId: 'local', account: ACCOUNT, params: PARAMS };
    const text = warningText(warning, null);
    expect(text).not.toMatch(/[{}]/);
    expect(text.length).toBeGreaterThan(20);
  });

  it('puts amounts in the coin and names the cause of a remainder', () => {
    const remainder = (cause: string) =>
      warningText(
        {
          code: 'remainder-expected',
          networkId: 'local',
          account: ACCOUNT,
          params: { ...PARAMS, cause },
        },
        null,
      );
    expect(remainder('l1-fee')).toContain('L1 data fee');
    expect(remainder('contract')).toContain('runs code');
    expect(remainder('measured-gas')).toContain('0.000021 ETH');
    const topUp = warningText(
      { code: 'top-up-needed', networkId: 'local', account: ACCOUNT, params: PARAMS },
      null,
    );
    expect(topUp).toContain('0.0015 ETH');
    expect(topUp).toContain('0.002 ETH');
  });
});
