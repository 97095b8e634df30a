// A plan's warnings in plain English, for the saved report and the command line. The
// console words the same codes from its own catalogue (renderer/i18n/en.ts).
import { formatUnits } from 'ethers';
import type { PlanWarning } from '../../preload/api';

export function warningText(warning: PlanWarning, networkName: string): string {
  const p = warning.params;
  const coin = (key: string) =>
    `${formatUnits(BigInt(p[key] ?? '0'), Number(p.decimals ?? 18))} ${p.symbol ?? ''}`;
  const account = warning.account ?? 'The account';
  switch (warning.code) {
    case 'destination-is-contract':
      return `The destination is a contract on ${networkName}: it runs code when it receives coins, so some ${p.symbol} will stay behind.`;
    case 'destination-delegated':
      return `The destination delegates to code at ${p.delegate} (EIP-7702): it runs code when it receives coins, so some ${p.symbol} will stay behind.`;
    case 'token-refused':
      return `The ${p.symbol} contract refuses to transfer from ${account} (checked by simulating the transfer); it stays there.`;
    case 'top-up-needed':
      return `${account} holds tokens but not enough ${p.symbol} to pay their network fees (${coin('fees')}). Send it ${coin('topUp')}, or sweep to a card or secret you hold so Lifeboat can top it up from there.`;
    case 'top-up-not-allowed':
      return `${account} holds tokens but not enough ${p.symbol} to pay their network fees. Allow a top-up of ${coin('topUp')} from the destination to move them.`;
    case 'top-up-short':
      return `${account} needs a top-up of ${coin('topUp')}, but the destination holds only ${coin('available')}.`;
    case 'native-refused':
      return `The destination's code refuses ${p.symbol} (checked by simulating the transfer); it stays in ${account}.`;
    case 'native-below-fee':
      return `${account} holds less ${p.symbol} than the fee to move it; it stays behind.`;
    case 'remainder-expected': {
      const amount = `about ${coin('amount')}`;
      if (p.cause === 'contract') {
        return `The destination runs code, so unused gas stays behind: ${amount}.`;
      }
      if (p.cause === 'l1-fee') {
        return `${networkName} also charges an L1 data fee that moves with L1 prices; the margin kept for it stays behind: ${amount}.`;
      }
      return `${networkName} charges by measured gas, which cannot be known exactly in advance: ${amount} stays behind.`;
    }
  }
}
