import { describe, expect, it } from 'vitest';
import { explorerLink } from '../../../main/chain/explorer';

const address = '0x52908400098527886E0F7030069857D2E4169EE7';
const hash = `0x${'ab'.repeat(32)}`;

describe('explorer links', () => {
  it('are built on the configured https explorer only', () => {
    const network = { id: 'ethereum', explorer: 'https://etherscan.io/' };
    expect(explorerLink(network, 'address', address.toLowerCase())).toBe(
      `https://etherscan.io/address/${address}`,
    );
    expect(explorerLink(network, 'tx', hash.toUpperCase().replace('0X', '0x'))).toBe(
      `https://etherscan.io/tx/${hash}`,
    );
    expect(
      explorerLink({ id: 'x', explorer: 'https://blockscout.example/chain/5' }, 'tx', hash),
    ).toBe(`https://blockscout.example/chain/5/tx/${hash}`);
  });

  it('refuses a missing or non-https explorer, and anything but an address or a hash', () => {
    for (const explorer of [undefined, 'http://etherscan.io', 'ftp://x', 'https://u:p@x.io']) {
      expect(() => explorerLink({ id: 'n', explorer }, 'tx', hash), String(explorer)).toThrow(
        expect.objectContaining({ code: 'explorer-not-configured' }),
      );
    }
    const network = { id: 'ethereum', explorer: 'https://etherscan.io' };
    expect(() => explorerLink(network, 'address', '0x1234')).toThrow(
      expect.objectContaining({ code: 'invalid-address' }),
    );
    expect(() => explorerLink(network, 'tx', `${hash}/../../evil`)).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
  });
});
