import { describe, expect, it } from 'vitest';
import {
  completeWord,
  isCompleteLength,
  PHRASE_LENGTHS,
  wordBeingTyped,
  words,
} from '../../../renderer/rebuild/typing';

describe('typing a share or phrase', () => {
  it('splits on any whitespace', () => {
    expect(words('  academic  acid\nacne\tacquire ')).toEqual([
      'academic',
      'acid',
      'acne',
      'acquire',
    ]);
    expect(words('   ')).toEqual([]);
  });

  it('knows the word being typed, and that a space ends it', () => {
    expect(wordBeingTyped('academic ac')).toEqual({ index: 1, prefix: 'ac' });
    expect(wordBeingTyped('academic AC')).toEqual({ index: 1, prefix: 'ac' });
    expect(wordBeingTyped('academic ')).toBeNull();
    expect(wordBeingTyped('')).toBeNull();
  });

  it('completes the word being typed and leaves room for the next', () => {
    expect(completeWord('academic ac', 'acid')).toBe('academic acid ');
    expect(completeWord('ab', 'abandon')).toBe('abandon ');
  });

  it('recognises complete phrase lengths', () => {
    expect(isCompleteLength(Array(12).fill('abandon').join(' '), PHRASE_LENGTHS)).toBe(true);
    expect(isCompleteLength(Array(13).fill('abandon').join(' '), PHRASE_LENGTHS)).toBe(false);
  });
});
