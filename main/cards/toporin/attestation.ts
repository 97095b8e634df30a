// Is this a genuine Satochip or Seedkeeper? The card's certificate (exported in chunks)
// must chain, offline, through the family's sub-CA to a trusted root; then a fresh
// challenge signed by the card proves it holds the certificate's key. Both commands need
// the PIN on the applets, so a session must be unlocked first.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, concatBytes, randomBytes } from '@noble/hashes/utils.js';
import { isLifeboatError } from '../../errors';
import type { Attestation } from '../keycard/attestation';
import type { ChallengeAnswer, ToporinFamily, ToporinSession } from './session';
import { openingSignedBy } from './secure-channel';
import { verifySignature } from './signed-key';
import { TOPORIN_TRUST, type ToporinTrust } from './trust';
import { parseCertificate, sameName, signedBy, type Certificate, type EcPublicKey } from './x509';

const CHALLENGE_PREFIX = new TextEncoder().encode('Challenge:');

/** Who issued a card's certificate: a trusted sub-CA, or an issuer key trusted as it is. */
export interface Issuer {
  publicKey: EcPublicKey;
  commonName: string | undefined;
}

export type ChainCheck =
  | { ok: true; certificate: Certificate; issuer: Issuer }
  | { ok: false; verdict: 'invalid' | 'unknown-issuer'; reason: string; certificate?: Certificate };

/** The sub-CA of `family` that issued `certificateDer` and is itself issued by a trusted root. */
export function checkChain(
  certificateDer: Uint8Array,
  family: ToporinFamily,
  trust: ToporinTrust,
): ChainCheck {
  let certificate: Certificate;
  try {
    certificate = parseCertificate(certificateDer);
  } catch (error) {
    if (!isLifeboatError(error)) throw error;
    return { ok: false, verdict: 'invalid', reason: 'the card’s certificate cannot be read' };
  }
  if (certificate.publicKey.curve !== 'secp256k1')
    return {
      ok: false,
      verdict: 'invalid',
      reason: 'the card’s certificate is for another kind of key',
      certificate,
    };
  for (const subCaDer of trust.subCas[family]) {
    let subCa: Certificate;
    try {
      subCa = parseCertificate(subCaDer);
    } catch (error) {
      if (!isLifeboatError(error)) throw error;
      continue;
    }
    if (!subCa.isCa || !sameName(subCa.subject, certificate.issuer)) continue;
    if (!signedBy(certificate, subCa.publicKey)) continue;
    if (trust.roots.some((root) => signedBy(subCa, root)))
      return {
        ok: true,
        certificate,
        issuer: { publicKey: subCa.publicKey, commonName: subCa.subject.commonName },
      };
  }
  const direct = trust.issuerKeys?.find((key) => signedBy(certificate, key));
  if (direct)
    return {
      ok: true,
      certificate,
      issuer: { publicKey: direct, commonName: certificate.issuer.commonName },
    };
  return {
    ok: false,
    verdict: 'unknown-issuer',
    reason: `the certificate was issued by “${certificate.issuer.commonName ?? 'an unnamed authority'}”, which does not lead to a trusted ${family === 'satochip' ? 'Satochip' : 'Seedkeeper'} authority`,
    certificate,
  };
}

/** Whether the card's answer signs "Challenge:" ‖ its nonce ‖ our challenge with `publicKey`. */
function challengeSigned(
  publicKey: Uint8Array,
  challenge: Uint8Array,
  answer: ChallengeAnswer,
): boolean {
  return verifySignature(
    publicKey,
    concatBytes(CHALLENGE_PREFIX, answer.cardNonce, challenge),
    answer.signature,
  );
}

function compressed(point: Uint8Array): string {
  return bytesToHex(secp256k1.Point.fromBytes(point).toBytes(true));
}

/** Exports the certificate, checks its chain, then a fresh challenge. Needs a verified PIN. */
export async function attestToporin(
  session: ToporinSession,
  trust: ToporinTrust = TOPORIN_TRUST,
): Promise<Attestation> {
  const name = session.family === 'satochip' ? 'Satochip' : 'Seedkeeper';
  let certificateDer: Uint8Array | undefined;
  try {
    certificateDer = await session.exportCertificate();
  } catch (error) {
    if (!isLifeboatError(error, 'not-supported')) throw error;
  }
  if (certificateDer === undefined) {
    return {
      verdict: 'no-certificate',
      explanation: `The card carries no factory certificate, so it cannot prove that it is a genuine ${name}. Cards set up by hand from the open-source applet, and simulated cards, look like this; a card bought from the maker should have one.`,
    };
  }
  const chain = checkChain(certificateDer, session.family, trust);
  const identityPublicKey = chain.certificate
    ? safeCompressed(chain.certificate.publicKey.point)
    : undefined;
  if (!chain.ok && chain.verdict === 'invalid') {
    return {
      verdict: 'invalid',
      ...(identityPublicKey && { identityPublicKey }),
      explanation: `The card’s proof of identity is not valid: ${chain.reason}. Do not trust this card with funds.`,
    };
  }
  const cardKey = chain.certificate!.publicKey.point;
  const challenge = randomBytes(32);
  const answer = await session.challengeResponse(challenge);
  const opening = session.channelOpening;
  if (
    !challengeSigned(cardKey, challenge, answer) ||
    (opening && !openingSignedBy(opening, cardKey))
  ) {
    return {
      verdict: 'invalid',
      ...(identityPublicKey && { identityPublicKey }),
      explanation:
        'The card did not prove that it holds the key of its certificate. Do not trust this card with funds.',
    };
  }
  if (!chain.ok) {
    return {
      verdict: 'unknown-issuer',
      ...(identityPublicKey && { identityPublicKey }),
      explanation: `The card proved that it holds the key of its certificate, but ${chain.reason}. It may be a development card or a counterfeit: do not trust it with funds unless you know this authority.`,
    };
  }
  return {
    verdict: 'genuine',
    caPublicKey: safeCompressed(chain.issuer.publicKey.point),
    ...(identityPublicKey && { identityPublicKey }),
    explanation: `The card proved that it holds the key of its certificate, and the certificate was issued by “${chain.issuer.commonName ?? 'an unnamed authority'}”, a ${name} authority you trust. This is a genuine ${name}.`,
  };
}

function safeCompressed(point: Uint8Array): string | undefined {
  try {
    return compressed(point);
  } catch {
    return undefined;
  }
}
