// Rebuilding a BIP-32 seed from whatever backup a person entered. A SLIP-39 master secret
// is the BIP-32 seed itself: it is never read as BIP-39 entropy, which would open a
// different, empty wallet.
import type { RecoveryKind } from '../../preload/api';
import { LifeboatError } from '../errors';
import { BIP39_WORDLISTS, bip39Seed, checkBip39Phrase, phraseWords } from './bip39';
import { detectInputKind } from './input-kind';
import { shareProblemError } from './problem';
import { ShareSet } from './share-set';
import { decodeShare, inShare, MIN_SHARE_WORDS } from './slip39-share';
import { slip39WordIndex } from './slip39-words';

export { detectInputKind, type InputKind } from './input-kind';

export interface RecoveredSeed {
  kind: RecoveryKind;
  /** The BIP-32 seed; the caller overwrites it (or hands it to the vault). */
  seed: Uint8Array;
}

export type SeedProgress = (progress: { done: number; total: number }) => void;

/**
 * Rebuilds the BIP-32 seed from what a person entered. `lines` is one BIP-39 phrase or
 * SLIP-39 shares one per line (blank lines are ignored; a share beyond what its group needs
 * is skipped). Fails with the typed error of the first problem found.
 */
export async function seedFromRecovery(
  input: { lines: readonly string[]; passphrase: string },
  onProgress?: SeedProgress,
): Promise<RecoveredSeed> {
  const lines = input.lines.map((line) => line.trim()).filter(Boolean);
  const kind = detectInputKind(lines.join('\n'));
  if (kind === 'bip39') {
    const seed = await bip39Seed(lines.join(' '), input.passphrase);
    onProgress?.({ done: 1, total: 1 });
    return { kind, seed };
  }
  if (kind === 'slip39') {
    const shares = new ShareSet();
    try {
      for (const [shareIndex, line] of lines.entries()) {
        const { problem } = shares.add(line);
        if (problem && problem.code !== 'share-not-needed')
          throw shareProblemError(problem, shareIndex);
      }
      const seed = await shares.combine(input.passphrase, { onProgress });
      return { kind, seed };
    } finally {
      shares.wipe();
    }
  }
  throw explainUnknown(lines);
}

/** The most helpful error for input that is neither kind. */
function explainUnknown(lines: readonly string[]): LifeboatError {
  const perLine = lines.map(phraseWords);
  const words = perLine.flat();
  if (words.length === 0) return new LifeboatError('unknown-input-kind', 'Nothing was entered.');
  const lean = (line: readonly string[]) => {
    const slipOnly = line.filter((w) => isSlip39Word(w) && !isBip39Word(w)).length;
    const bipOnly = line.filter((w) => isBip39Word(w) && !isSlip39Word(w)).length;
    return { slipOnly, bipOnly };
  };
  const leans = perLine.map(lean);
  const total = lean(words);
  // Whole lines of each kind, or many words of each: not one stray word that happens to be
  // in the other list, which the precise diagnosis below pinpoints better.
  const mixedLines =
    leans.some((l) => l.slipOnly > l.bipOnly) && leans.some((l) => l.bipOnly > l.slipOnly);
  if (mixedLines || Math.min(total.slipOnly, total.bipOnly) >= 3) {
    return new LifeboatError('mixed-input-kinds');
  }
  const looksSlip39 = total.slipOnly > total.bipOnly || words.length >= MIN_SHARE_WORDS;
  try {
    if (looksSlip39) lines.forEach(decodeLine);
    else checkBip39Phrase(lines.join(' '));
  } catch (error) {
    if (error instanceof LifeboatError) return error;
    throw error;
  }
  return new LifeboatError('unknown-input-kind');
}

function decodeLine(line: string, shareIndex: number): void {
  try {
    decodeShare(line).value.fill(0);
  } catch (error) {
    throw inShare(error, shareIndex);
  }
}

function isSlip39Word(word: string): boolean {
  return slip39WordIndex(word) !== undefined;
}

function isBip39Word(word: string): boolean {
  return BIP39_WORDLISTS.some((list) => list.has(word));
}
