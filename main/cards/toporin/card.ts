// What a Satochip and a Seedkeeper show behind the card-family seam, in common: their
// credential rules as data, the PIN model (change with the current PIN; unblocking keeps
// the PIN and only gives its tries back), set-up without pairing, and genuineness from the
// certificate chain — which the applets show only once the card is set up and unlocked, so
// before that the answer says so instead of giving a verdict.
import type {
  Attestation,
  CardInfo,
  CardStatus,
  CredentialRules,
  SecretRule,
} from '../../../preload/api';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { LifeboatError } from '../../errors';
import type { CardChannel } from '../channel';
import type { CardSession, SetUpRequest } from '../family';
import type { SecretInput } from '../secret-input';
import { attestToporin } from './attestation';
import { PIN_BYTES, PIN_TRIES, PUK_TRIES } from './credentials';
import type { ToporinFamily, ToporinSession } from './session';
import type { ToporinStatus } from './status';
import type { ToporinTrust } from './trust';

const CREDENTIAL: SecretRule = Object.freeze({
  minLength: PIN_BYTES.min,
  maxLength: PIN_BYTES.max,
  alphabet: 'any',
});

/**
 * The rules of a Toporin card. The defaults are what a person gets without choosing: five
 * PIN tries as the Satochip apps set, and three PUK tries rather than the apps' one, since a
 * Seedkeeper erases itself when its last PUK try is used.
 */
export function toporinRules(pukExhausted: CredentialRules['pukExhausted']): CredentialRules {
  return Object.freeze({
    pin: CREDENTIAL,
    puk: CREDENTIAL,
    pairing: false,
    pinTries: Object.freeze({ ...PIN_TRIES, default: 5 }),
    pukTries: Object.freeze({ ...PUK_TRIES, default: 3 }),
    changePinAsksCurrent: true,
    unblockSetsPin: false,
    pukExhausted,
  });
}

export const FAMILY_NAME: Record<ToporinFamily, string> = {
  satochip: 'Satochip',
  seedkeeper: 'Seedkeeper',
};

/** "0.12-0.6": the protocol and applet versions, as Toporin's own tools show them. */
export function versionText(status: ToporinStatus): string {
  const { protocol, applet } = status;
  if (protocol.major === 0 && protocol.minor === 0) return '';
  return `${protocol.major}.${protocol.minor}-${applet.major}.${applet.minor}`;
}

function needsUnlock(family: ToporinFamily, setUp: boolean): Attestation {
  const name = FAMILY_NAME[family];
  return {
    verdict: 'needs-unlock',
    explanation: setUp
      ? `A ${name} shows its certificate of authenticity only once it is unlocked with its PIN, so Lifeboat checks it right after the PIN.`
      : `A ${name} shows its certificate of authenticity only once it is set up and unlocked, so Lifeboat checks it right after the set-up.`,
  };
}

export abstract class ToporinCard<S extends ToporinSession> implements CardSession {
  abstract readonly family: ToporinFamily;
  abstract readonly info: CardInfo;
  private opened = false;

  protected constructor(
    protected session: S,
    private readonly trust: () => ToporinTrust,
  ) {}

  get channel(): CardChannel {
    return this.session.channel;
  }

  /** These cards do not pair: "connected" means the tries left have been read. */
  get connected(): boolean {
    return this.opened;
  }

  get unlocked(): boolean {
    return this.session.pinVerified;
  }

  async attest(): Promise<Attestation> {
    if (!this.session.pinVerified) return needsUnlock(this.family, this.session.status.setupDone);
    return attestToporin(this.session, this.trust());
  }

  async connect(): Promise<CardStatus> {
    const status = await this.status();
    this.opened = true;
    return status;
  }

  async status(): Promise<CardStatus> {
    return this.cardStatus(await this.session.getStatus());
  }

  verifyPin(pin: SecretInput): Promise<void> {
    return this.session.verifyPin(pin);
  }

  async unblockPin(puk: SecretInput, newPin?: SecretInput): Promise<void> {
    if (newPin !== undefined)
      throw new LifeboatError(
        'invalid-input',
        `A ${FAMILY_NAME[this.family]} keeps its PIN when it is unblocked: only the PUK is asked for.`,
      );
    await this.session.unblockPin(puk);
  }

  /** The applet checks the current PIN again (a wrong one costs a try) and logs out. */
  async changePin(newPin: SecretInput, currentPin?: SecretInput): Promise<void> {
    if (currentPin === undefined)
      throw new LifeboatError(
        'invalid-input',
        `A ${FAMILY_NAME[this.family]} asks for the current PIN to change it.`,
      );
    await this.session.changePin(currentPin, newPin);
  }

  /**
   * The authentikey, the key pair the applet makes for itself when installed, is what tells
   * one card from another; its hash (16 bytes, like a Keycard's instance UID) is the id. The
   * card shows it only once unlocked.
   */
  async instanceId(): Promise<string> {
    return bytesToHex(sha256(await this.session.exportAuthentikey()).subarray(0, 16));
  }

  async changePuk(): Promise<void> {
    throw new LifeboatError('not-supported', 'This card cannot change its PUK.', {
      capability: 'change-puk',
    });
  }

  /** SETUP with the person's PIN, PUK and try counts, then VERIFY PIN. */
  async setUp(request: SetUpRequest): Promise<CardStatus> {
    const { rules } = this.info;
    if (request.puk === undefined)
      throw new LifeboatError('invalid-input', 'This card needs a PUK.');
    if (request.pairingPassword !== undefined || request.duressPin !== undefined)
      throw new LifeboatError(
        'invalid-input',
        'This card has neither a pairing password nor a duress PIN.',
      );
    await this.session.setup({
      pin: request.pin,
      puk: request.puk,
      pinTries: request.pinRetries ?? rules.pinTries.default,
      pukTries: request.pukRetries ?? rules.pukTries?.default ?? rules.pinTries.default,
    });
    this.opened = true;
    await this.verifyPin(request.pin);
    return this.status();
  }

  abstract factoryReset(): Promise<void>;

  close(): Promise<void> {
    return this.session.close();
  }

  protected abstract cardStatus(status: ToporinStatus): CardStatus;

  /** The session was replaced (a factory reset opens one on the blank card). */
  protected replaced(session: S): void {
    this.session = session;
    this.opened = false;
  }
}
