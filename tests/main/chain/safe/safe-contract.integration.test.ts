// Lifeboat's Safe pieces against the real Safe v1.5.0 bytecode at its canonical addresses on a
// local node: the predicted address is where the factory deploys, the locally computed hash
// is the contract's own getTransactionHash, packed signatures execute, every owner change
// leaves exactly the owners its preview showed (getOwners, getThreshold), and the gas limit
// worked out before signing covers what execution uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Wallet, getAddress, hexlify, randomBytes, type BaseWallet } from 'ethers';
import { ChainConnection } from '../../../../main/chain/connection';
import { transferData } from '../../../../main/chain/erc20';
import { customNetwork } from '../../../../main/chain/networks';
import { SAFE_PROXY_FACTORY } from '../../../../main/chain/safe/deployments';
import { ownerChangeCall, type OwnerChange } from '../../../../main/chain/safe/owners';
import {
  checkedSetup,
  createProxyData,
  predictSafeAddress,
  setupData,
} from '../../../../main/chain/safe/safe-create';
import { execGasLimit } from '../../../../main/chain/safe/safe-gas';
import {
  assertSafeContracts,
  assertSameHash,
  proxyCreationCode,
  readSafe,
} from '../../../../main/chain/safe/safe-reader';
import {
  execTransactionData,
  plainSafeTx,
  safeTxHash,
  type SafeTx,
} from '../../../../main/chain/safe/safe-tx';
import { packSignatures } from '../../../../main/chain/safe/signatures';
import { EvmNode } from '../../../support/evm-node';
import { installSafeContracts, readSafeContract } from '../../../support/safe-contracts';

let node: EvmNode;
let connection: ChainConnection;
const owners = Array.from({ length: 3 }, () => new Wallet(hexlify(randomBytes(32))));
const address = () => getAddress(hexlify(randomBytes(20)));

beforeAll(async () => {
  node = await EvmNode.start({ chainId: 31337 });
  connection = await ChainConnection.open(customNetwork({ chainId: 31337, rpcUrls: [node.url] }));
});

afterAll(async () => {
  connection?.close();
  await node?.stop();
});

async function deploy(ownerAddresses: string[], threshold: number): Promise<string> {
  const setup = checkedSetup({ owners: ownerAddresses, threshold });
  const initializer = setupData(setup);
  const saltNonce = BigInt(hexlify(randomBytes(8)));
  const predicted = predictSafeAddress({
    initializer,
    saltNonce,
    proxyCreationCode: await proxyCreationCode(connection),
  });
  expect(await node.request('eth_getCode', [predicted, 'latest'])).toBe('0x');
  await node.send({
    to: SAFE_PROXY_FACTORY.address,
    data: createProxyData(initializer, saltNonce),
  });
  return predicted;
}

/** Executes a Safe transaction signed by `signers`; returns gas used and the limit planned. */
async function execute(
  safe: string,
  call: { to: string; value: bigint; data: string },
  signers: BaseWallet[],
  innerGas: bigint,
): Promise<{ gasUsed: bigint; limit: bigint }> {
  const state = await readSafe(connection, safe);
  const tx: SafeTx = plainSafeTx({ ...call, nonce: state.nonce });
  const hash = safeTxHash(31337, safe, tx);
  await assertSameHash(connection, safe, tx, hash);
  const signatures = packSignatures(
    hash,
    signers.map((w) => ({ owner: w.address, signature: w.signingKey.sign(hash).serialized })),
    state.owners,
    state.threshold,
  );
  const txHash = await node.request<string>('eth_sendTransaction', [
    { from: node.accounts[0], to: safe, data: execTransactionData(tx, signatures) },
  ]);
  await node.receiptOf(txHash);
  const receipt = await node.request<{ gasUsed: string }>('eth_getTransactionReceipt', [txHash]);
  return {
    gasUsed: BigInt(receipt.gasUsed),
    limit: execGasLimit(innerGas, state.threshold, (call.data.length - 2) / 2),
  };
}

describe('the Safe contracts on the network', () => {
  it('are refused where the canonical addresses hold no Safe code, accepted once they do', async () => {
    await expect(assertSafeContracts(connection)).rejects.toMatchObject({
      code: 'safe-contracts-missing',
    });
    await installSafeContracts(node);
    await assertSafeContracts(connection);
  });

  it('deploy a new Safe at the predicted address with the planned owners', async () => {
    const safe = await deploy(
      owners.map((w) => w.address),
      2,
    );
    expect(await readSafeContract<string[]>(node, safe, 'getOwners')).toEqual(
      owners.map((w) => w.address),
    );
    expect(await readSafeContract<bigint>(node, safe, 'getThreshold')).toBe(2n);
    expect(await readSafe(connection, safe)).toMatchObject({
      version: '1.5.0',
      owners: owners.map((w) => w.address),
      threshold: 2,
      nonce: 0,
    });
  });

  it('tell an account or a token from a Safe', async () => {
    await expect(readSafe(connection, address())).rejects.toMatchObject({ code: 'not-a-safe' });
    const token = await node.deployToken('NOTSAFE');
    await expect(readSafe(connection, token)).rejects.toMatchObject({ code: 'not-a-safe' });
  });
});

describe('a 2-of-3 Safe', () => {
  it('computes every transaction hash as Lifeboat does, and executes with 2 signatures', async () => {
    const safe = await deploy(
      owners.map((w) => w.address),
      2,
    );
    await node.fund(safe, 10n ** 18n);
    const token = await node.deployToken('SAFE6', 6);
    await node.mintToken(token, safe, 5_000_000n);
    for (const tx of [
      plainSafeTx({ to: address(), value: 1n, data: '0x', nonce: 0 }),
      plainSafeTx({ to: token, value: 0n, data: transferData(address(), 7n), nonce: 12 }),
    ]) {
      await assertSameHash(connection, safe, tx, safeTxHash(31337, safe, tx));
    }
    await expect(
      assertSameHash(
        connection,
        safe,
        plainSafeTx({ to: address(), value: 1n, data: '0x', nonce: 1 }),
        safeTxHash(1, safe, plainSafeTx({ to: address(), value: 1n, data: '0x', nonce: 1 })),
      ),
    ).rejects.toMatchObject({ code: 'rpc-inconsistent' });

    const to = address();
    const native = await execute(
      safe,
      { to, value: 10n ** 18n, data: '0x' },
      [owners[2]!, owners[0]!],
      21_000n,
    );
    expect(await node.balance(safe)).toBe(0n);
    expect(await node.balance(to)).toBe(10n ** 18n);
    expect(native.gasUsed).toBeLessThan(native.limit);

    const data = transferData(to, 5_000_000n);
    const innerGas = await connection.estimateGas({ from: safe, to: token, data });
    const tokenRun = await execute(
      safe,
      { to: token, value: 0n, data },
      [owners[1]!, owners[2]!],
      innerGas,
    );
    expect(await node.tokenBalance(token, safe)).toBe(0n);
    expect(tokenRun.gasUsed).toBeLessThan(tokenRun.limit);
    expect(await readSafeContract<bigint>(node, safe, 'nonce')).toBe(2n);
  });

  it('leaves exactly the owners each change previewed', async () => {
    const safe = await deploy(
      owners.map((w) => w.address),
      2,
    );
    const signers = [owners[0]!, owners[1]!, owners[2]!];
    const change = async (action: OwnerChange) => {
      const state = await readSafe(connection, safe);
      const call = ownerChangeCall(safe, state, action);
      const holders = signers.filter((w) => state.owners.includes(w.address));
      await execute(safe, { to: safe, value: 0n, data: call.data }, holders, 60_000n);
      expect(await readSafeContract<string[]>(node, safe, 'getOwners')).toEqual(call.ownersAfter);
      expect(await readSafeContract<bigint>(node, safe, 'getThreshold')).toBe(
        BigInt(call.thresholdAfter),
      );
    };
    // A lost card at each place of the list: first (after the sentinel), middle, last.
    for (const at of [0, 1, 2]) {
      const state = await readSafe(connection, safe);
      const replacement = new Wallet(hexlify(randomBytes(32)));
      await change({ kind: 'replace-owner', old: state.owners[at]!, new: replacement.address });
      signers.push(replacement);
    }
    await change({ kind: 'add-owner', owner: address(), threshold: 3 });
    const state = await readSafe(connection, safe);
    await change({ kind: 'remove-owner', owner: state.owners[0]!, threshold: 2 });
    await change({ kind: 'change-threshold', threshold: 1 });
  });
});
