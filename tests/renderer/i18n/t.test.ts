import { describe, expect, it } from 'vitest';
import { t } from '../../../renderer/i18n/t';

describe('t', () => {
  it('fills placeholders by name', () => {
    expect(t('card.keycard', { version: '3.1' })).toBe('Keycard, version 3.1');
    expect(t('review.fromTo', { from: 'A', to: 'B', network: 'Ethereum' })).toBe(
      'from A to B on Ethereum',
    );
  });

  it('chooses the plural form by count', () => {
    expect(t('pin.triesLeft', { count: 3 })).toBe('3 tries left.');
    expect(t('pin.triesLeft', { count: 2 })).toBe('2 tries left.');
    expect(t('pin.triesLeft', { count: 1 })).toBe('1 try left.');
    expect(t('pin.triesLeft', { count: 0 })).toBe('0 tries left.');
  });

  it('leaves a placeholder without a value visible rather than guessing', () => {
    expect(t('card.keycard')).toBe('Keycard, version {version}');
  });

  it('fills placeholders only from the values given, not from their prototype', () => {
    const inherited = Object.create({ label: 'inherited' }) as Record<string, string>;
    expect(t('remember.saved', inherited)).toBe('Remembered as “{label}”.');
    expect(t('remember.saved', { label: 'Savings' })).toBe('Remembered as “Savings”.');
  });
});
