// Amounts cross the bridge as decimal strings in base units. They are shown exactly — a
// recovery tool must not round dust away — and parsed back without floating point.
import { formatUnits, parseUnits } from 'ethers/utils';

/** "1.5", "0.000000000000000001", "20": every digit kept, no trailing ".0". */
export function formatAmount(baseUnits: string, decimals: number): string {
  const text = formatUnits(BigInt(baseUnits), decimals);
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/** The base-unit string for a decimal typed by a person, or null if it is not a positive amount. */
export function parseAmount(text: string, decimals: number): string | null {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const fraction = trimmed.split('.')[1] ?? '';
  if (fraction.length > decimals) return null;
  const value = parseUnits(trimmed, decimals);
  return value > 0n ? value.toString() : null;
}

/** Wei per gas as gwei for display (fee caps are set per gas). */
export function formatGwei(wei: string): string {
  return formatAmount(wei, 9);
}

/** A fee cap typed in gwei as wei, or null when it is not a positive amount. */
export function parseGwei(text: string): string | null {
  return parseAmount(text, 9);
}
