import { describe, expect, it } from 'vitest';
import type { CredentialRules } from '../../../preload/api';
import { KEYCARD_RULES } from '../../../main/cards/keycard/driver';
import { pinGuidance, pukGuidance } from '../../../renderer/card/pin-guidance';
import {
  inputFor,
  newPairingPasswordProblem,
  newPinProblem,
  newPukProblem,
  pinProblem,
  pukProblem,
  ruleText,
} from '../../../renderer/card/secret-rules';
import { t } from '../../../renderer/i18n/t';

const PIN = KEYCARD_RULES.pin;
const PUK = KEYCARD_RULES.puk!;

/** A family unlike the Keycard: a 4–16 character PIN of any characters, no PUK, no pairing. */
const LOOSE: CredentialRules = {
  pin: { minLength: 4, maxLength: 16, alphabet: 'any' },
  puk: null,
  pairing: false,
  pinTries: { min: 1, max: 15, default: 5 },
  pukTries: null,
  changePinAsksCurrent: false,
  unblockSetsPin: false,
  pukExhausted: 'locked',
};

describe('PIN and PUK guidance', () => {
  it('explains what happens at zero before every attempt, and warns on the last one', () => {
    expect(pinGuidance(3, KEYCARD_RULES)).toMatchObject({ key: 'pin.atZero', tone: 'info' });
    expect(pinGuidance(2, KEYCARD_RULES).key).toBe('pin.atZero');
    expect(pinGuidance(1, KEYCARD_RULES)).toMatchObject({ key: 'pin.lastTry', tone: 'warning' });
    expect(pinGuidance(0, KEYCARD_RULES)).toEqual({ key: 'pin.blocked', tone: 'bad' });
    const text = (tries: number) => {
      const g = pinGuidance(tries, KEYCARD_RULES);
      return t(g.key, g.params);
    };
    expect(text(3)).toMatch(/PUK \(12 digits\)/);
    expect(text(1)).toMatch(/last try/);
  });

  it('says a card without a PUK is lost for good at zero, naming no PUK', () => {
    for (const tries of [5, 1]) {
      const g = pinGuidance(tries, LOOSE);
      const text = t(g.key, g.params);
      expect(text).not.toMatch(/PUK/);
      expect(text).toMatch(/recovery phrase/);
    }
    expect(pinGuidance(1, LOOSE).tone).toBe('warning');
  });

  it('says a blocked PUK leaves only the recovery phrase or shares', () => {
    expect(pukGuidance(5).key).toBe('puk.atZero');
    expect(pukGuidance(1)).toEqual({ key: 'puk.lastTry', tone: 'warning' });
    expect(pukGuidance(0)).toEqual({ key: 'puk.blocked', tone: 'bad' });
    for (const tries of [5, 1, 0]) expect(t(pukGuidance(tries).key)).toMatch(/recovery phrase/);
  });

  it('warns before every PUK try that a card which erases itself at zero will do so', () => {
    expect(pukGuidance(3, 'wiped')).toEqual({ key: 'puk.atZeroWipes', tone: 'info' });
    expect(pukGuidance(1, 'wiped')).toEqual({ key: 'puk.lastTryWipes', tone: 'warning' });
    for (const tries of [3, 1]) expect(t(pukGuidance(tries, 'wiped').key)).toMatch(/erases/);
  });
});

describe('secret formats', () => {
  it('wants exactly 6 PIN digits and 12 PUK digits on a Keycard', () => {
    expect(pinProblem('123456', PIN)).toBeNull();
    for (const pin of ['12345', '1234567', '12345a', '', ' 123456']) {
      expect(pinProblem(pin, PIN), pin).toBe('rules.pinFormat');
    }
    expect(pukProblem('123456789012', PUK)).toBeNull();
    expect(pukProblem('12345678901', PUK)).toBe('rules.pukFormat');
    expect(t('rules.pinFormat', { rule: ruleText(PIN) })).toBe('The PIN must be 6 digits.');
    expect(inputFor(PIN)).toEqual({ inputMode: 'numeric', maxLength: 6 });
  });

  it('takes 4 to 16 characters of anything where the card says so', () => {
    for (const pin of ['abcd', 'pässwort', 'a b c d', '1234567890123456']) {
      expect(pinProblem(pin, LOOSE.pin), pin).toBeNull();
    }
    // Lengths are the card's bytes: 16 characters of two bytes each are too many.
    for (const pin of ['abc', '12345678901234567', 'ü'.repeat(9)]) {
      expect(pinProblem(pin, LOOSE.pin), pin).toBe('rules.pinFormat');
    }
    expect(ruleText(LOOSE.pin)).toBe('4 to 16 characters');
    expect(inputFor(LOOSE.pin)).toEqual({ inputMode: undefined, maxLength: 16 });
    expect(newPinProblem('abcd', 'abce', LOOSE.pin)).toBe('rules.pinRepeat');
  });

  it('checks the repetition only after the format', () => {
    expect(newPinProblem('123456', '123456', PIN)).toBeNull();
    expect(newPinProblem('123456', '123457', PIN)).toBe('rules.pinRepeat');
    expect(newPinProblem('12345', '12345', PIN)).toBe('rules.pinFormat');
    expect(newPukProblem('123456789012', '123456789013', PUK)).toBe('rules.pukRepeat');
    expect(newPairingPasswordProblem('', '')).toBe('rules.pairingEmpty');
    expect(newPairingPasswordProblem('a b', 'a c')).toBe('rules.pairingRepeat');
    expect(newPairingPasswordProblem('a b', 'a b')).toBeNull();
  });
});
