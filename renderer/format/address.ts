// Addresses and fingerprints are compared by people character by character; groups of four
// make that comparison reliable (the same grouping the review and the new card's screen use).
import { getAddress, isAddress } from 'ethers/address';

/** "0x" then the 40 hex digits of the EIP-55 form in groups of 4. */
export function addressGroups(address: string): string[] {
  const checksummed = getAddress(address);
  return ['0x', ...groupsOf(checksummed.slice(2), 4)];
}

/** Splits text into runs of `size` characters (the last may be shorter). */
export function groupsOf(text: string, size: number): string[] {
  const groups: string[] = [];
  for (let at = 0; at < text.length; at += size) groups.push(text.slice(at, at + size));
  return groups;
}

/** "0xAbCd…12Ef" for places where the full address is shown nearby. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** True for a well-formed address: all-lowercase, all-uppercase or a correct EIP-55 checksum. */
export function isValidAddress(text: string): boolean {
  return isAddress(text.trim());
}
