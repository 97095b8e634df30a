// The ERC-20 calls a sweep needs, encoded and decoded with ethers' ABI coder.
import { Interface, getAddress } from 'ethers';

export const ERC20 = new Interface([
  'function balanceOf(address owner) view returns (uint256)',
  'function transfer(address to, uint256 amount) returns (bool)',
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
]);

export function balanceOfData(owner: string): string {
  return ERC20.encodeFunctionData('balanceOf', [owner]);
}

export function transferData(to: string, amount: bigint): string {
  return ERC20.encodeFunctionData('transfer', [to, amount]);
}

/** A uint256 answer, or undefined when the bytes are not one (not a token, or no code). */
export function decodeUint(data: string): bigint | undefined {
  if (!/^0x[0-9a-fA-F]{64}$/.test(data)) return undefined;
  return BigInt(data);
}

/**
 * `symbol()` as a string; a few early tokens return bytes32 instead, and anything else falls
 * back to a short form of the address so a listing never breaks on one odd contract.
 */
export function decodeSymbol(data: string, token: string): string {
  try {
    const [symbol] = ERC20.decodeFunctionResult('symbol', data) as unknown as [string];
    if (isPrintable(symbol)) return symbol;
  } catch {
    if (/^0x[0-9a-fA-F]{64}$/.test(data)) {
      const text = Buffer.from(data.slice(2), 'hex').toString('utf8').replace(/\0+$/, '');
      if (isPrintable(text)) return text;
    }
  }
  const address = getAddress(token);
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

export function decodeDecimals(data: string): number | undefined {
  const value = decodeUint(data);
  return value !== undefined && value <= 255n ? Number(value) : undefined;
}

function isPrintable(text: string): boolean {
  return text.length > 0 && text.length <= 16 && /^[\x20-\x7e]+$/.test(text);
}
