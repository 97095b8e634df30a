// A fake EVM network for the step driver's decisions: nonces, balances, the base fee, what
// the server answers to a broadcast and which receipts exist are set by the test, and every
// transaction sent is recorded. Nothing here checks signatures or runs transactions.
import { AbiCoder, Interface, Transaction, getBytes, keccak256 } from 'ethers';
import type { EvmChain } from '../../../../main/chain/evm/step-driver';
import { LifeboatError } from '../../../../main/errors';
import type { Receipt } from '../../../../main/chain/rpc-values';

const ERC20 = new Interface(['function balanceOf(address) view returns (uint256)']);

export class FakeChain implements EvmChain {
  readonly network = {
    id: 'fake',
    name: 'Fake chain',
    chainId: 31337,
    nativeSymbol: 'ETH',
    decimals: 18,
    rpcUrls: ['http://127.0.0.1:1'],
    feeModel: 'eip1559' as const,
  };
  nonces = new Map<string, number>();
  balances = new Map<string, bigint>();
  tokenBalances = new Map<string, bigint>();
  baseFee = 10n;
  tip = 1n;
  head = 100;
  receipts = new Map<string, Receipt>();
  /** The raw transactions that reached the server, in order. */
  readonly sent: string[] = [];
  /** The server's next answer to a broadcast: a JSON-RPC error message, or another hash. */
  refuseWith: string | undefined;
  reportHash: string | undefined;

  async nonce(address: string): Promise<number> {
    return this.nonces.get(address.toLowerCase()) ?? 0;
  }

  async balance(address: string): Promise<bigint> {
    return this.balances.get(address.toLowerCase()) ?? 0n;
  }

  async call(request: { to: string; data?: string }): Promise<string> {
    const [owner] = ERC20.decodeFunctionData('balanceOf', request.data ?? '0x');
    const key = `${request.to.toLowerCase()}|${String(owner).toLowerCase()}`;
    return AbiCoder.defaultAbiCoder().encode(['uint256'], [this.tokenBalances.get(key) ?? 0n]);
  }

  async latestBlock() {
    return { number: this.head, hash: blockHash(this.head), baseFeePerGas: this.baseFee };
  }

  async blockNumber(): Promise<number> {
    return this.head;
  }

  async gasPrice(): Promise<bigint> {
    return this.baseFee + this.tip;
  }

  async maxPriorityFee(): Promise<bigint> {
    return this.tip;
  }

  async receipt(hash: string): Promise<Receipt | null> {
    return this.receipts.get(hash) ?? null;
  }

  async sendRaw(raw: string): Promise<string> {
    this.sent.push(raw);
    const refusal = this.refuseWith;
    if (refusal !== undefined) {
      this.refuseWith = undefined;
      throw new LifeboatError('rpc-error', refusal, { rpcMessage: refusal });
    }
    return this.reportHash ?? keccak256(getBytes(raw));
  }

  /** Includes a sent transaction in the next block, as a miner would. */
  include(raw: string, status: Receipt['status'] = 'success'): Receipt {
    const tx = Transaction.from(raw);
    this.head += 1;
    const receipt: Receipt = {
      transactionHash: tx.hash!,
      blockNumber: this.head,
      blockHash: blockHash(this.head),
      status,
      gasUsed: tx.gasLimit,
      effectiveGasPrice: tx.maxFeePerGas ?? undefined,
      l1Fee: undefined,
    };
    this.receipts.set(receipt.transactionHash, receipt);
    const from = tx.from!.toLowerCase();
    this.nonces.set(from, Math.max(this.nonces.get(from) ?? 0, tx.nonce + 1));
    return receipt;
  }
}

function blockHash(number: number): string {
  return `0x${number.toString(16).padStart(64, '0')}`;
}
