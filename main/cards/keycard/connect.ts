// Getting from "a selected Keycard" to "an open secure channel and known retry counters": the
// pairing saved for this card if it still works, otherwise PAIR with the default password
// first and then the person's password, and GET STATUS before anyone is asked for a PIN.
//
// Which saved pairing belongs to which card, and when one may be forgotten:
// - SELECT is not authenticated. Any card can report any instance UID, and also any
//   secure-channel public key: both are public, read by anyone who once held the card.
// - What only the genuine card can do is MUTUALLY AUTHENTICATE: its session keys come from
//   ECDH with the private half of the secure-channel key it reported, mixed with the pairing
//   key. A channel that opens proves the card holds that private key (and the pairing key).
// - A failed OPEN SECURE CHANNEL (6A86) or MUTUALLY AUTHENTICATE (6982) proves nothing: an
//   impostor answers so as easily as a genuine card that lost the pairing. So a saved pairing
//   that fails is kept, and the person is asked for the pairing password.
// - Pairings are saved per card: instance UID and secure-channel key together. A card that
//   reports someone else's UID with its own key finds no pairing and touches none. A card that
//   reports both cannot open a channel with any pairing, so it cannot prove anything either.
// - A saved pairing is forgotten only when the card it was made for proves that it no longer
//   takes it: a fresh pairing opened a channel under the same UID and key (so this is that
//   card) after the saved one failed on it. The fresh pairing then replaces it, or, if it ends
//   with the session, the saved one is dropped.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { LifeboatError, isLifeboatError } from '../../errors';
import type { SecretInput } from '../secret-input';
import {
  DEFAULT_PAIRING_PASSWORD,
  EPHEMERAL_PAIRING_INDEX,
  pairingSecretFromPassword,
  type Pairing,
} from './pairing';
import type { PairingStore } from './pairing-store';
import type { KeycardSession, KeycardStatus } from './session';

export type PairedBy = 'stored' | 'default-password' | 'password';

export interface PairingOptions {
  pairings: PairingStore;
  /** Tried before the default password, e.g. what the person typed in a previous attempt. */
  pairingPassword?: SecretInput;
  /**
   * Asked for another password while the ones tried are wrong; resolving undefined gives
   * up with `wrong-pairing-password`. Without it the flow fails at the first wrong one.
   */
  askPairingPassword?: () => Promise<SecretInput | undefined>;
  /**
   * Keep a new pairing for this computer even on a 3.2 card, which otherwise gets an
   * ephemeral one that takes none of its slots (recovery should never use one up).
   */
  remember?: boolean;
}

export interface SecuredKeycard {
  status: KeycardStatus;
  pairedBy: PairedBy;
  /** False for a 3.2 ephemeral pairing, which ends with the session, or one not kept. */
  pairingStored: boolean;
}

let defaultSecret: Promise<Uint8Array> | undefined;

/** The well-known default secret; not a secret at all, so it is derived once and kept. */
function defaultPairingSecret(): Promise<Uint8Array> {
  defaultSecret ??= pairingSecretFromPassword(DEFAULT_PAIRING_PASSWORD);
  return defaultSecret;
}

/** The card's secure-channel key as it is saved with a pairing: compressed. */
export function cardKeyOf(session: KeycardSession): Uint8Array {
  return secp256k1.Point.fromBytes(session.initializedInfo.secureChannelPublicKey).toBytes(true);
}

/** Applet 3.2 frees a pairing made with PAIR P2 = 01 when the card is deselected. */
export function offersEphemeralPairing(session: KeycardSession): boolean {
  const { major, minor } = session.initializedInfo.version;
  return major > 3 || (major === 3 && minor >= 2);
}

async function tryPair(
  session: KeycardSession,
  secret: Uint8Array,
  ephemeral: boolean,
): Promise<Pairing | undefined> {
  try {
    return await session.pair(secret, { ephemeral });
  } catch (error) {
    if (isLifeboatError(error, 'wrong-pairing-password')) return undefined;
    throw error;
  }
}

async function pairWithPasswords(
  session: KeycardSession,
  options: PairingOptions,
  ephemeral: boolean,
): Promise<{ pairing: Pairing; pairedBy: PairedBy }> {
  if (options.pairingPassword !== undefined) {
    const secret = await pairingSecretFromPassword(options.pairingPassword);
    const pairing = await tryPair(session, secret, ephemeral).finally(() => secret.fill(0));
    if (pairing) return { pairing, pairedBy: 'password' };
  }
  const byDefault = await tryPair(session, await defaultPairingSecret(), ephemeral);
  if (byDefault) return { pairing: byDefault, pairedBy: 'default-password' };
  for (;;) {
    const password = await options.askPairingPassword?.();
    if (password === undefined) {
      throw new LifeboatError(
        'wrong-pairing-password',
        'The card did not accept the pairing password.',
      );
    }
    const secret = await pairingSecretFromPassword(password);
    const pairing = await tryPair(session, secret, ephemeral).finally(() => secret.fill(0));
    if (pairing) return { pairing, pairedBy: 'password' };
  }
}

/**
 * Opens the secure channel on a selected, initialised card and reads its retry counters:
 * with the pairing saved for this card, else a new one (ephemeral on 3.2 unless `remember`).
 */
export async function secureKeycard(
  session: KeycardSession,
  options: PairingOptions,
): Promise<SecuredKeycard> {
  const { pairings } = options;
  const uid = bytesToHex(session.initializedInfo.instanceUid);
  const cardKey = cardKeyOf(session);
  const saved = await pairings.get(uid, cardKey);
  if (saved) {
    try {
      await session.openSecureChannel(saved);
      // An entry saved before keys were recorded now has its card: this one proved it.
      if (saved.cardKey === undefined) {
        await pairings.set(uid, saved, cardKey);
        await pairings.delete(uid);
      }
      return { status: await session.getStatus(), pairedBy: 'stored', pairingStored: true };
    } catch (error) {
      if (!isLifeboatError(error, 'pairing-invalid')) throw error;
    }
  }
  const ephemeral = options.remember !== true && offersEphemeralPairing(session);
  const { pairing, pairedBy } = await pairWithPasswords(session, options, ephemeral);
  const keep = pairing.index !== EPHEMERAL_PAIRING_INDEX;
  // Nothing saved for this card can be lost by saving at once, and saving before the
  // channel opens means a card pulled in between does not leave its slot used for nothing.
  const savedFirst = keep && saved?.cardKey === undefined;
  if (savedFirst) await pairings.set(uid, pairing, cardKey);
  try {
    await session.openSecureChannel(pairing);
  } catch (error) {
    // A card that pairs but then fails to authenticate has not shown that it is this card.
    if (savedFirst && isLifeboatError(error, 'pairing-invalid')) {
      await pairings.delete(uid, cardKey);
    }
    throw error;
  }
  // The channel opened: this is the card the saved pairing was made for, and it refused it.
  if (keep && !savedFirst) await pairings.set(uid, pairing, cardKey);
  if (!keep && saved?.cardKey !== undefined) await pairings.delete(uid, cardKey);
  return { status: await session.getStatus(), pairedBy, pairingStored: keep };
}
