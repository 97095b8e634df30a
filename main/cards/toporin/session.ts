// What a Satochip and a Seedkeeper conversation share: SELECT, GET STATUS, the secure
// channel, setup, the PIN model, label, authentikey and the genuineness commands. The
// family sessions extend it. Operations are queued, because the channel's IV counter
// chains every command to the one before.
//
// PIN and PUK commands are sent once. When the card has lost the channel (9C20/9C21: it
// was reset or reselected, which also logs the PIN out) the command did not run; the
// session forgets the channel, opens a new one on the next command, and reports
// `channel-reset` so the person decides whether to try again.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { equalBytes } from '@noble/curves/utils.js';
import { concatBytes, randomBytes } from '@noble/hashes/utils.js';
import { LifeboatError, isLifeboatError } from '../../errors';
import type { CardChannel } from '../channel';
import { parseResponse, type ResponseApdu } from '../keycard/apdu';
import { wipe, type SecretInput } from '../secret-input';
import {
  AID,
  INS,
  OP,
  STATUS_COMMAND,
  encodeCommand,
  selectCommand,
  type ToporinCommand,
} from './apdu';
import { FACTORY_PIN, checkTries, credentialBytes } from './credentials';
import { ByteReader } from './reader';
import {
  ToporinSecureChannel,
  deriveChannelKeys,
  openingSignedBy,
  parseChannelOpening,
  sharedX,
  type ChannelOpening,
} from './secure-channel';
import { readSignedKey } from './signed-key';
import { blankStatus, parseStatus, type ToporinStatus } from './status';
import { SW, expectOk, statusError, type ToporinOperation } from './status-words';

export type ToporinFamily = keyof typeof AID;

export interface SetupParams {
  pin: SecretInput;
  puk: SecretInput;
  pinTries: number;
  pukTries: number;
}

export interface ChallengeAnswer {
  /** The card's own 32-byte nonce. */
  cardNonce: Uint8Array;
  /** DER ECDSA (SHA-256) over "Challenge:" ‖ cardNonce ‖ our challenge. */
  signature: Uint8Array;
}

const CERTIFICATE_CHUNK = 128;
const LABEL_MAX = 64;
const CHANNEL_LOST: ReadonlySet<number> = new Set([
  SW.secureChannelRequired,
  SW.secureChannelUninitialized,
]);
const CHANNEL_BROKEN: ReadonlySet<number> = new Set([
  SW.secureChannelWrongIv,
  SW.secureChannelWrongMac,
]);

async function transmit(channel: CardChannel, apdu: Uint8Array): Promise<ResponseApdu> {
  try {
    return parseResponse(await channel.transmit(apdu));
  } catch (error) {
    if (isLifeboatError(error)) throw error;
    throw new LifeboatError('reader-error', 'The card reader failed.', undefined, { cause: error });
  }
}

/** SELECT the family's applet, then GET STATUS. */
export async function selectApplet(
  channel: CardChannel,
  family: ToporinFamily,
): Promise<ToporinStatus> {
  expectOk(await transmit(channel, selectCommand(AID[family])), 'select');
  return readStatus(channel);
}

/** GET STATUS of the applet just selected (by `selectApplet` or the family registry). */
export async function readStatus(channel: CardChannel): Promise<ToporinStatus> {
  const response = await transmit(channel, STATUS_COMMAND);
  if (response.sw === SW.setupNotDone) return blankStatus();
  return parseStatus(expectOk(response, 'get-status'));
}

export abstract class ToporinSession {
  private statusValue: ToporinStatus;
  private secure: ToporinSecureChannel | undefined;
  private opening: ChannelOpening | undefined;
  private pinOk = false;
  private authentikeyValue: Uint8Array | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  protected constructor(
    readonly channel: CardChannel,
    readonly family: ToporinFamily,
    status: ToporinStatus,
  ) {
    this.statusValue = status;
  }

  /** The card's answer to the last GET STATUS. */
  get status(): ToporinStatus {
    return this.statusValue;
  }

  get pinVerified(): boolean {
    return this.pinOk;
  }

  /** The card's authentikey (uncompressed), once exported in this session. */
  get authentikey(): Uint8Array | undefined {
    return this.authentikeyValue?.slice();
  }

  /** The authentikey's signature over the current secure channel's card key, if any. */
  get channelOpening(): ChannelOpening | undefined {
    return this.opening;
  }

  getStatus(): Promise<ToporinStatus> {
    return this.exclusive(async () => {
      this.statusValue = await readStatus(this.channel);
      return this.statusValue;
    });
  }

  /**
   * SETUP on a blank card: the person's PIN and PUK with their try counts. The second
   * PIN/PUK pair the applet still reserves is filled with random bytes nobody knows, as
   * pysatochip does. The PIN is not verified afterwards.
   */
  setup(params: SetupParams): Promise<ToporinStatus> {
    return this.exclusive(async () => {
      if (this.statusValue.setupDone)
        throw new LifeboatError('already-initialized', 'This card is already set up.');
      checkTries(params.pinTries, params.pukTries);
      const pin = credentialBytes(params.pin, 'PIN');
      const unused = randomBytes(32);
      let puk: Uint8Array | undefined;
      let data: Uint8Array | undefined;
      try {
        puk = credentialBytes(params.puk, 'PUK');
        data = concatBytes(
          Uint8Array.of(FACTORY_PIN.length),
          FACTORY_PIN,
          Uint8Array.of(params.pinTries, params.pukTries, pin.length),
          pin,
          Uint8Array.of(puk.length),
          puk,
          Uint8Array.of(1, 1, 16),
          unused.subarray(0, 16),
          Uint8Array.of(16),
          unused.subarray(16),
          // secure memory size (the client's 32), RFU memory size, three RFU ACL bytes
          Uint8Array.of(0x00, 0x20, 0x00, 0x00, 0x01, 0x01, 0x01),
        );
        await this.send('setup', { ins: INS.setup, data });
      } finally {
        wipe(pin, puk, unused, data);
      }
      this.pinOk = false;
      this.statusValue = await readStatus(this.channel);
      return this.statusValue;
    });
  }

  /** Fails with `wrong-pin` (details.triesLeft) or `pin-blocked`. */
  verifyPin(pin: SecretInput): Promise<void> {
    return this.exclusive(async () => {
      const bytes = credentialBytes(pin, 'PIN');
      try {
        this.pinOk = false;
        await this.send('verify-pin', { ins: INS.verifyPin, data: bytes });
        this.pinOk = true;
      } finally {
        wipe(bytes);
      }
    });
  }

  /** CHANGE PIN presents the current PIN, so a wrong one costs a try like VERIFY PIN. */
  changePin(currentPin: SecretInput, newPin: SecretInput): Promise<void> {
    return this.exclusive(async () => {
      const current = credentialBytes(currentPin, 'PIN');
      let next: Uint8Array | undefined;
      let data: Uint8Array | undefined;
      try {
        next = credentialBytes(newPin, 'PIN');
        data = concatBytes(
          Uint8Array.of(current.length),
          current,
          Uint8Array.of(next.length),
          next,
        );
        this.pinOk = false;
        await this.send('change-pin', { ins: INS.changePin, data });
      } finally {
        wipe(current, next, data);
      }
    });
  }

  /**
   * UNBLOCK PIN with the PUK (only while the PIN is blocked): the PIN keeps its value and
   * gets its tries back. Fails with `wrong-puk`, `puk-blocked`, or on a Seedkeeper whose
   * last PUK try was used, `card-wiped`.
   */
  unblockPin(puk: SecretInput): Promise<void> {
    return this.exclusive(async () => {
      const bytes = credentialBytes(puk, 'PUK');
      try {
        await this.send('unblock-pin', { ins: INS.unblockPin, data: bytes });
      } catch (error) {
        if (isLifeboatError(error, 'card-wiped'))
          this.statusValue = { ...this.statusValue, setupDone: false, pinTries: 0, pukTries: 0 };
        throw error;
      } finally {
        wipe(bytes);
      }
    });
  }

  logout(): Promise<void> {
    return this.exclusive(async () => {
      this.pinOk = false;
      await this.send('logout', { ins: INS.logoutAll });
    });
  }

  getLabel(): Promise<string> {
    return this.exclusive(async () => {
      const reader = new ByteReader(
        await this.send('card-label', { ins: INS.cardLabel, p2: 0x01 }),
        'label',
      );
      const label = reader.field8();
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(label);
      } catch {
        throw new LifeboatError('malformed-response', 'The card’s label is not valid text.');
      }
    });
  }

  setLabel(label: string): Promise<void> {
    return this.exclusive(async () => {
      const bytes = new TextEncoder().encode(label);
      if (bytes.length > LABEL_MAX)
        throw new LifeboatError('invalid-input', `A card label is at most ${LABEL_MAX} bytes.`);
      await this.send('card-label', {
        ins: INS.cardLabel,
        p2: 0x00,
        data: concatBytes(Uint8Array.of(bytes.length), bytes),
      });
    });
  }

  /** The card's authentikey (EXPORT AUTHENTIKEY, needs the PIN), checked against the channel. */
  exportAuthentikey(): Promise<Uint8Array> {
    return this.exclusive(() => this.authentikeyNow());
  }

  /** The card's X.509 certificate (DER), or undefined when it was never personalised. */
  exportCertificate(): Promise<Uint8Array | undefined> {
    return this.exclusive(async () => {
      const head = new ByteReader(
        await this.send('export-certificate', { ins: INS.exportCertificate, p2: OP.init }),
        'certificate size',
      );
      const size = head.u16();
      if (size === 0) return undefined;
      const certificate = new Uint8Array(size);
      for (let offset = 0; offset < size; offset += CERTIFICATE_CHUNK) {
        const length = Math.min(CERTIFICATE_CHUNK, size - offset);
        const chunk = await this.send('export-certificate', {
          ins: INS.exportCertificate,
          p2: OP.process,
          data: Uint8Array.of(offset >> 8, offset & 0xff, length >> 8, length & 0xff),
        });
        if (chunk.length !== length)
          throw new LifeboatError('malformed-response', 'A certificate chunk has the wrong size.');
        certificate.set(chunk, offset);
      }
      return certificate;
    });
  }

  /** CHALLENGE RESPONSE PKI with a 32-byte challenge (needs the PIN). */
  challengeResponse(challenge: Uint8Array): Promise<ChallengeAnswer> {
    return this.exclusive(async () => {
      if (challenge.length !== 32)
        throw new LifeboatError('invalid-input', 'A challenge is 32 bytes.');
      const reader = new ByteReader(
        await this.send('challenge-response', { ins: INS.challengeResponse, data: challenge }),
        'challenge answer',
      );
      const cardNonce = reader.take(32).slice();
      const signature = reader.field16().slice();
      reader.end();
      return { cardNonce, signature };
    });
  }

  /** Forgets the channel keys and releases the card. */
  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.dropChannel();
    this.pinOk = false;
    await this.channel.close();
  }

  protected exclusive<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  protected markPinLost(): void {
    this.pinOk = false;
  }

  protected setStatus(status: ToporinStatus): void {
    this.statusValue = status;
  }

  protected async authentikeyNow(): Promise<Uint8Array> {
    if (this.authentikeyValue) return this.authentikeyValue.slice();
    const answer = await this.send('get-authentikey', { ins: INS.exportAuthentikey });
    return this.acceptAuthentikey(answer);
  }

  /** Reads a `[x | self-signature]` authentikey answer and checks it signed our channel. */
  protected acceptAuthentikey(answer: Uint8Array): Uint8Array {
    const reader = new ByteReader(answer, 'authentikey');
    const { publicKey } = readSignedKey(reader, 0, 'authentikey');
    reader.end();
    if (this.authentikeyValue && !equalBytes(this.authentikeyValue, publicKey))
      throw new LifeboatError('secure-channel-failed', 'The card changed its authentikey.');
    if (this.opening && !openingSignedBy(this.opening, publicKey)) {
      this.dropChannel();
      throw new LifeboatError(
        'secure-channel-failed',
        'The secure channel was not opened by this card’s own key.',
      );
    }
    this.authentikeyValue = publicKey.slice();
    return publicKey;
  }

  /**
   * One command, wrapped in the secure channel when the card needs it. Status words become
   * typed errors; the answer data is returned (decrypted).
   */
  protected async send(operation: ToporinOperation, command: ToporinCommand): Promise<Uint8Array> {
    const plain = encodeCommand(command);
    try {
      if (!this.statusValue.needsSecureChannel)
        return expectOk(await this.exchange(plain), operation);
      if (!this.secure) await this.openChannel();
      const secure = this.secure!;
      const wrapped = secure.wrap(plain);
      const response = await this.exchange(wrapped);
      if (response.sw !== SW.ok) {
        if (CHANNEL_LOST.has(response.sw)) {
          this.dropChannel();
          this.pinOk = false;
        } else if (CHANNEL_BROKEN.has(response.sw)) {
          this.dropChannel();
        }
        throw statusError(response.sw, operation);
      }
      try {
        return secure.unwrap(response.data);
      } catch (error) {
        this.dropChannel();
        throw error;
      }
    } finally {
      wipe(plain);
    }
  }

  protected dropChannel(): void {
    this.secure?.destroy();
    this.secure = undefined;
    this.opening = undefined;
  }

  private async exchange(apdu: Uint8Array): Promise<ResponseApdu> {
    try {
      return await transmit(this.channel, apdu);
    } catch (error) {
      this.dropChannel();
      throw error;
    }
  }

  private async openChannel(): Promise<void> {
    this.dropChannel();
    const ephemeral = secp256k1.utils.randomSecretKey();
    let x: Uint8Array | undefined;
    try {
      const response = await this.exchange(
        encodeCommand({
          ins: INS.openSecureChannel,
          data: secp256k1.getPublicKey(ephemeral, false),
        }),
      );
      const opening = parseChannelOpening(expectOk(response, 'open-secure-channel'));
      if (this.authentikeyValue && !openingSignedBy(opening, this.authentikeyValue))
        throw new LifeboatError(
          'secure-channel-failed',
          'The secure channel was not opened by this card’s own key.',
        );
      if (opening.authentikey) {
        if (this.authentikeyValue && !equalBytes(this.authentikeyValue, opening.authentikey))
          throw new LifeboatError('secure-channel-failed', 'The card changed its authentikey.');
        this.authentikeyValue = opening.authentikey.slice();
      }
      x = sharedX(ephemeral, opening.cardKey);
      const keys = deriveChannelKeys(x);
      this.secure = new ToporinSecureChannel(keys);
      wipe(keys.encryptionKey, keys.macKey);
      this.opening = opening;
    } finally {
      wipe(ephemeral, x);
    }
  }
}
