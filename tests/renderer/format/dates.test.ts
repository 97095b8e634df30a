import { describe, expect, it } from 'vitest';
import { monthsLater } from '../../../renderer/format/dates';

describe('monthsLater', () => {
  it('moves by calendar months in UTC', () => {
    expect(monthsLater(new Date('2026-01-15T23:30:00Z'), 6)).toBe('2026-07-15');
    expect(monthsLater(new Date('2026-09-01T00:00:00Z'), 6)).toBe('2027-03-01');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(monthsLater(new Date('2026-08-31T12:00:00Z'), 6)).toBe('2027-02-28');
    expect(monthsLater(new Date('2027-08-31T12:00:00Z'), 6)).toBe('2028-02-29');
    expect(monthsLater(new Date('2026-03-31T12:00:00Z'), 1)).toBe('2026-04-30');
  });
});
