import { describe, expect, it } from 'vitest';
import { pinGuidance, pukGuidance } from '../../../renderer/card/pin-guidance';
import {
  newPairingPasswordProblem,
  newPinProblem,
  newPukProblem,
  pinProblem,
  pukProblem,
} from '../../../renderer/card/secret-rules';
import { t } from '../../../renderer/i18n/t';

describe('PIN and PUK guidance', () => {
  it('explains what happens at zero before every attempt, and warns on the last one', () => {
    expect(pinGuidance(3)).toEqual({ key: 'pin.atZero', tone: 'info' });
    expect(pinGuidance(2).key).toBe('pin.atZero');
    expect(pinGuidance(1)).toEqual({ key: 'pin.lastTry', tone: 'warning' });
    expect(pinGuidance(0)).toEqual({ key: 'pin.blocked', tone: 'bad' });
    expect(t(pinGuidance(3).key)).toMatch(/PUK/);
    expect(t(pinGuidance(1).key)).toMatch(/last try/);
  });

  it('says a blocked PUK leaves only the recovery phrase or shares', () => {
    expect(pukGuidance(5).key).toBe('puk.atZero');
    expect(pukGuidance(1)).toEqual({ key: 'puk.lastTry', tone: 'warning' });
    expect(pukGuidance(0)).toEqual({ key: 'puk.blocked', tone: 'bad' });
    for (const tries of [5, 1, 0]) expect(t(pukGuidance(tries).key)).toMatch(/recovery phrase/);
  });
});

describe('secret formats', () => {
  it('wants exactly 6 PIN digits and 12 PUK digits', () => {
    expect(pinProblem('123456')).toBeNull();
    for (const pin of ['12345', '1234567', '12345a', '', ' 123456']) {
      expect(pinProblem(pin), pin).toBe('rules.pinFormat');
    }
    expect(pukProblem('123456789012')).toBeNull();
    expect(pukProblem('12345678901')).toBe('rules.pukFormat');
  });

  it('checks the repetition only after the format', () => {
    expect(newPinProblem('123456', '123456')).toBeNull();
    expect(newPinProblem('123456', '123457')).toBe('rules.pinRepeat');
    expect(newPinProblem('12345', '12345')).toBe('rules.pinFormat');
    expect(newPukProblem('123456789012', '123456789013')).toBe('rules.pukRepeat');
    expect(newPairingPasswordProblem('', '')).toBe('rules.pairingEmpty');
    expect(newPairingPasswordProblem('a b', 'a c')).toBe('rules.pairingRepeat');
    expect(newPairingPasswordProblem('a b', 'a b')).toBeNull();
  });
});
