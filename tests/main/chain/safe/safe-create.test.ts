// A new Safe's setup and address: the owners checked as the Safe checks them, the setup
// call read back through the audited ABI, and the CREATE2 address computed independently
// from the audited proxy's creation code.
import { describe, expect, it } from 'vitest';
import {
  AbiCoder,
  ZeroAddress,
  concat,
  dataSlice,
  getAddress,
  hexlify,
  keccak256,
  randomBytes,
  toBeHex,
} from 'ethers';
import {
  SAFE_FALLBACK_HANDLER,
  SAFE_PROXY_FACTORY,
  SAFE_SINGLETON,
} from '../../../../main/chain/safe/deployments';
import {
  checkedSetup,
  createProxyData,
  predictSafeAddress,
  setupData,
} from '../../../../main/chain/safe/safe-create';
import { SAFE_CONTRACT, SAFE_PROXY_ARTIFACT } from '../../../support/safe-contracts';

const address = () => getAddress(hexlify(randomBytes(20)));

describe('checkedSetup', () => {
  it('keeps the owners in order, checksummed', () => {
    const owners = [address(), address()];
    expect(checkedSetup({ owners: owners.map((o) => o.toLowerCase()), threshold: 2 })).toEqual({
      owners,
      threshold: 2,
    });
  });

  it('refuses an owner named twice, a threshold out of range, and addresses that cannot own', () => {
    const a = address();
    expect(() => checkedSetup({ owners: [a, a.toLowerCase()], threshold: 1 })).toThrow(
      expect.objectContaining({ code: 'duplicate-owner' }),
    );
    for (const threshold of [0, 3, 1.5]) {
      expect(() => checkedSetup({ owners: [a, address()], threshold })).toThrow(
        expect.objectContaining({ code: 'invalid-threshold' }),
      );
    }
    expect(() => checkedSetup({ owners: [ZeroAddress], threshold: 1 })).toThrow(
      expect.objectContaining({ code: 'invalid-address' }),
    );
    expect(() => checkedSetup({ owners: [], threshold: 1 })).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
  });
});

describe('the setup call and the address', () => {
  it('sets up owners, threshold and the canonical fallback handler, with no module and no payment', () => {
    const owners = [address(), address(), address()];
    const decoded = SAFE_CONTRACT.decodeFunctionData('setup', setupData({ owners, threshold: 2 }));
    expect([...decoded]).toEqual([
      owners,
      2n,
      ZeroAddress,
      '0x',
      SAFE_FALLBACK_HANDLER.address,
      ZeroAddress,
      0n,
      ZeroAddress,
    ]);
  });

  it('predicts the CREATE2 address from the factory, the salt and the proxy creation code', () => {
    const initializer = setupData({ owners: [address()], threshold: 1 });
    const saltNonce = 0x1234_5678n;
    const salt = keccak256(concat([keccak256(initializer), toBeHex(saltNonce, 32)]));
    const initCode = concat([
      SAFE_PROXY_ARTIFACT.bytecode,
      AbiCoder.defaultAbiCoder().encode(['address'], [SAFE_SINGLETON.address]),
    ]);
    const expected = getAddress(
      dataSlice(
        keccak256(concat(['0xff', SAFE_PROXY_FACTORY.address, salt, keccak256(initCode)])),
        12,
      ),
    );
    expect(
      predictSafeAddress({
        initializer,
        saltNonce,
        proxyCreationCode: SAFE_PROXY_ARTIFACT.bytecode,
      }),
    ).toBe(expected);
    expect(
      predictSafeAddress({
        initializer,
        saltNonce: saltNonce + 1n,
        proxyCreationCode: SAFE_PROXY_ARTIFACT.bytecode,
      }),
    ).not.toBe(expected);
    expect(createProxyData(initializer, saltNonce).length).toBeGreaterThan(initializer.length);
  });
});
