// Getting from "a reader name" to "a Keycard with an open secure channel and known retry
// counters": SELECT, the stored pairing for this card if it still works, otherwise PAIR
// with the default password first and then the person's password, and GET STATUS before
// anyone is asked for a PIN.
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
}

export interface SecuredKeycard {
  status: KeycardStatus;
  pairedBy: PairedBy;
  /** False for a 3.2 ephemeral pairing, which ends with the session. */
  pairingStored: boolean;
}

let defaultSecret: Promise<Uint8Array> | undefined;

/** The well-known default secret; not a secret at all, so it is derived once and kept. */
function defaultPairingSecret(): Promise<Uint8Array> {
  defaultSecret ??= pairingSecretFromPassword(DEFAULT_PAIRING_PASSWORD);
  return defaultSecret;
}

async function tryPair(session: KeycardSession, secret: Uint8Array): Promise<Pairing | undefined> {
  try {
    return await session.pair(secret);
  } catch (error) {
    if (isLifeboatError(error, 'wrong-pairing-password')) return undefined;
    throw error;
  }
}

async function pairWithPasswords(
  session: KeycardSession,
  options: PairingOptions,
): Promise<{ pairing: Pairing; pairedBy: PairedBy }> {
  if (options.pairingPassword !== undefined) {
    const secret = await pairingSecretFromPassword(options.pairingPassword);
    const pairing = await tryPair(session, secret).finally(() => secret.fill(0));
    if (pairing) return { pairing, pairedBy: 'password' };
  }
  const byDefault = await tryPair(session, await defaultPairingSecret());
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
    const pairing = await tryPair(session, secret).finally(() => secret.fill(0));
    if (pairing) return { pairing, pairedBy: 'password' };
  }
}

/**
 * Opens the secure channel on a selected, initialised card and reads its retry counters.
 * A stored pairing the card no longer knows is forgotten and the card is paired again.
 */
export async function secureKeycard(
  session: KeycardSession,
  options: PairingOptions,
): Promise<SecuredKeycard> {
  const uid = bytesToHex(session.initializedInfo.instanceUid);
  const stored = await options.pairings.get(uid);
  if (stored) {
    try {
      await session.openSecureChannel(stored);
      return { status: await session.getStatus(), pairedBy: 'stored', pairingStored: true };
    } catch (error) {
      if (!isLifeboatError(error, 'pairing-invalid')) throw error;
      await options.pairings.delete(uid);
    }
  }
  const { pairing, pairedBy } = await pairWithPasswords(session, options);
  const pairingStored = pairing.index !== EPHEMERAL_PAIRING_INDEX;
  if (pairingStored) await options.pairings.set(uid, pairing);
  await session.openSecureChannel(pairing);
  return { status: await session.getStatus(), pairedBy, pairingStored };
}
