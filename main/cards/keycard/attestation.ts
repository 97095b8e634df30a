// Is this a genuine Keycard? IDENTIFY with a fresh random challenge proves the card holds
// the private key of its certificate; the certificate names (by signature) the authority
// that issued it, and the verdict depends on whether that authority is in the trusted list.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { LifeboatError, isLifeboatError } from '../../errors';
import { verifyIdentity } from './certificate';
import type { KeycardSession } from './session';

export type AttestationVerdict = 'genuine' | 'unknown-issuer' | 'no-certificate' | 'invalid';

/**
 * The production Keycard identity CA: the one key official software ships to check genuine
 * cards (keycard-shell's app/storage/keys.c `_KEYCARD_CA_PUB`, keycard-rs's
 * `DEFAULT_CA_PUBLIC_KEY`). Always trusted; the person may add keys beside it.
 */
export const KEYCARD_CA_KEYS: readonly string[] = Object.freeze([
  '029ab99ee1e7a71bdf45b3f9c58c99866ff1294d2c1e304e228a86e10c3343501c',
]);

/** The CA keys a Keycard's certificate is checked against: the built-in ones and `added`. */
export function keycardTrustedCaKeys(added: readonly string[]): string[] {
  return [...new Set([...KEYCARD_CA_KEYS, ...added].map(normaliseCaKey))];
}

export interface Attestation {
  verdict: AttestationVerdict;
  /** The issuing authority's key (compressed, hex), when the certificate could be checked. */
  caPublicKey?: string;
  /** The card's own identity key (compressed, hex). */
  identityPublicKey?: string;
  /** The verdict in plain words, for the person to read. */
  explanation: string;
}

/** A CA key as compressed lowercase hex; accepts compressed or uncompressed hex input. */
export function normaliseCaKey(hex: string): string {
  const clean = hex.trim().toLowerCase().replace(/^0x/, '');
  try {
    if (!/^[0-9a-f]+$/.test(clean)) throw new Error('not hex');
    return bytesToHex(secp256k1.Point.fromHex(clean).toBytes(true));
  } catch {
    throw new LifeboatError(
      'invalid-input',
      'A trusted CA key is a secp256k1 public key in hex (33 or 65 bytes).',
    );
  }
}

/** The verdict for an IDENTIFY answer to `challenge`. */
export function judgeIdentity(
  challenge: Uint8Array,
  response: Uint8Array,
  trustedCaKeys: readonly string[],
): Attestation {
  const trusted = new Set(trustedCaKeys.map(normaliseCaKey));
  const check = verifyIdentity(challenge, response);
  if (!check.ok) {
    return {
      verdict: 'invalid',
      explanation: `The card’s proof of identity is not valid: ${check.reason}. Do not trust this card with funds.`,
    };
  }
  const caPublicKey = bytesToHex(check.caPublicKey);
  const identityPublicKey = bytesToHex(check.identityPublicKey);
  if (trusted.has(caPublicKey)) {
    return {
      verdict: 'genuine',
      caPublicKey,
      identityPublicKey,
      explanation:
        'The card proved that it holds the key of its identity certificate, and the certificate was issued by a Keycard authority you trust. This is a genuine card.',
    };
  }
  return {
    verdict: 'unknown-issuer',
    caPublicKey,
    identityPublicKey,
    explanation: `The card proved that it holds the key of its identity certificate, but the certificate was issued by an authority that is not on your trusted list (${caPublicKey}). It may be a development card or a counterfeit: do not trust it with funds unless you know this authority.`,
  };
}

/** IDENTIFY with a fresh 32-byte random challenge, judged against `trustedCaKeys`. */
export async function attest(
  session: KeycardSession,
  trustedCaKeys: readonly string[],
): Promise<Attestation> {
  const trusted = trustedCaKeys.map(normaliseCaKey);
  const challenge = randomBytes(32);
  let response: Uint8Array;
  try {
    response = await session.identify(challenge);
  } catch (error) {
    if (isLifeboatError(error, 'no-certificate')) {
      return {
        verdict: 'no-certificate',
        explanation:
          'The card has no identity certificate, so it cannot prove that it is genuine. Cards set up by hand from the open-source applet look like this; a card sold as a Keycard should have one.',
      };
    }
    if (isLifeboatError(error, 'not-supported')) {
      return {
        verdict: 'no-certificate',
        explanation:
          'The card’s applet is older than version 3.1 and cannot prove its identity, so Lifeboat cannot tell whether it is genuine.',
      };
    }
    throw error;
  }
  return judgeIdentity(challenge, response, trusted);
}
