import { describe, expect, it } from 'vitest';
import { pinBytes, pukBytes, randomPin } from '../../../../main/cards/keycard/credentials';

describe('PIN and PUK format', () => {
  it('accepts 6-digit PINs and 12-digit PUKs as strings or bytes, as fresh copies', () => {
    expect(new TextDecoder().decode(pinBytes('012345'))).toBe('012345');
    const source = new TextEncoder().encode('000000000000');
    const copy = pukBytes(source);
    copy.fill(0);
    expect(new TextDecoder().decode(source)).toBe('000000000000');
  });

  it('rejects anything else without echoing the value', () => {
    for (const bad of ['12345', '1234567', '12345a', '１２３４５６', ' 123456']) {
      let error: unknown;
      try {
        pinBytes(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'invalid-pin-format' });
      expect(String((error as Error).message)).not.toContain(bad.trim());
    }
    expect(() => pukBytes('12345678901')).toThrow(
      expect.objectContaining({ code: 'invalid-puk-format' }),
    );
  });

  it('makes random duress PINs of six digits that differ from the PIN', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const pin = new TextDecoder().decode(randomPin('123456'));
      expect(pin).toMatch(/^\d{6}$/);
      expect(pin).not.toBe('123456');
      seen.add(pin);
    }
    expect(seen.size).toBeGreaterThan(190);
  });
});
