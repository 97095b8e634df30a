import { bytesToHex } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { computeAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { deriveAddresses } from '../../../main/cards/addresses';
import { APPLET_MNEMONIC, APPLET_SEED, PIN, opened } from './keycard/fixtures';

const root = HDKey.fromMasterSeed(APPLET_SEED());
const expected = (path: string) => computeAddress(`0x${bytesToHex(root.derive(path).publicKey!)}`);

async function unlocked() {
  const context = await opened({ mnemonic: APPLET_MNEMONIC });
  await context.session.verifyPin(PIN);
  return context;
}

describe('addresses from the card', () => {
  it('derives BIP-44 addresses from one extended public key export', async () => {
    const { session, recorded } = await unlocked();
    const before = recorded.commands.length;
    const addresses = await deriveAddresses(session, 'bip44', { start: 3, count: 20 });
    expect(recorded.commands.length - before).toBe(1);
    expect(addresses.map((a) => a.address)).toEqual(
      Array.from({ length: 20 }, (_, i) => expected(`m/44'/60'/0'/0/${3 + i}`)),
    );
    expect(addresses[0]).toMatchObject({ index: 3, path: "m/44'/60'/0'/0/3" });
  });

  it('derives Ledger legacy addresses from one export too', async () => {
    const { session, recorded } = await unlocked();
    const before = recorded.commands.length;
    const addresses = await deriveAddresses(session, 'legacy', { count: 4 });
    expect(recorded.commands.length - before).toBe(1);
    expect(addresses.map((a) => a.address)).toEqual(
      [0, 1, 2, 3].map((i) => expected(`m/44'/60'/0'/${i}`)),
    );
  });

  it('needs one export per Ledger Live address (hardened account index)', async () => {
    const { session, recorded } = await unlocked();
    const before = recorded.commands.length;
    const addresses = await deriveAddresses(session, 'ledger-live', { count: 3 });
    expect(recorded.commands.length - before).toBe(3);
    expect(addresses.map((a) => a.address)).toEqual(
      [0, 1, 2].map((i) => expected(`m/44'/60'/${i}'/0/0`)),
    );
  });

  it('refuses impossible ranges before touching the card', async () => {
    const { session, recorded } = await unlocked();
    const before = recorded.commands.length;
    for (const range of [
      { count: 0 },
      { count: 1001 },
      { start: -1, count: 1 },
      { start: 2 ** 31 - 1, count: 2 },
    ]) {
      await expect(deriveAddresses(session, 'bip44', range)).rejects.toMatchObject({
        code: 'invalid-input',
      });
    }
    expect(recorded.commands.length).toBe(before);
  });
});
