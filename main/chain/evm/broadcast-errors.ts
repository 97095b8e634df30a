// What a refusal of eth_sendRawTransaction means. Servers word these differently (geth,
// erigon, nethermind, reth, hardhat), so the patterns are deliberately broad; anything not
// recognised is treated as a plain refusal and stops the case for a person to look at.
export type BroadcastRefusal =
  /** The server already has this exact transaction: sending it was harmless. */
  | 'known'
  /** The nonce is used: by this transaction (look for its receipt) or by another one. */
  | 'nonce-used'
  /** The fee is below what the next block needs: sign the same nonce again, higher. */
  | 'fee-too-low'
  /** Another transaction with this nonce waits in the pool with a similar fee. */
  | 'replacement-underpriced'
  | 'insufficient-funds'
  | 'other';

const PATTERNS: readonly [BroadcastRefusal, RegExp][] = [
  [
    'known',
    /already known|known transaction|already imported|already exists|alreadyknown|already in (the )?(mempool|pool)/i,
  ],
  [
    'nonce-used',
    /nonce too low|nonce has already been used|oldnonce|nonce is too low|invalid nonce/i,
  ],
  [
    'replacement-underpriced',
    /replacement (transaction )?underpriced|replaceunderpriced|could not replace/i,
  ],
  [
    'fee-too-low',
    /less than (the )?block base ?fee|too low for the next block|fee ?cap.*(below|less than|too low)|max ?fee ?per ?gas.*too low|underpriced|gas price too low|feetoolow/i,
  ],
  ['insufficient-funds', /insufficient funds|enough funds|insufficient balance/i],
];

export function classifyBroadcastRefusal(message: string): BroadcastRefusal {
  for (const [kind, pattern] of PATTERNS) if (pattern.test(message)) return kind;
  return 'other';
}
