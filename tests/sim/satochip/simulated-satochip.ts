// A simulated Satochip: the card runtime around the Satochip applet (CardEdge.java 0.12-0.6),
// with its factory identity (GlobalPlatform CPLC, authentikey, device certificate). It
// answers exactly what the applet answers; the reader shells in ../keycard put it behind
// pcscd or an in-process CardChannel.
import { bytesToHex, concatBytes, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { LifeboatError } from '../../../main/errors';
import { CardManager } from '../toporin/card-manager';
import { DEFAULT_PIN } from '../toporin/card-edge';
import { deviceCertificate, type CertificateKind } from '../toporin/certificates';
import { randomKeyPair } from '../toporin/ec-keys';
import { ToporinCard } from '../toporin/toporin-card';
import {
  command,
  labelField,
  pinBytes,
  seedFor,
  tryLimit,
  type SeedSource,
} from '../toporin/set-up';
import { SatochipApplet } from './satochip-applet';

export const SATOCHIP_AID = hexToBytes('5361746f4368697000');

export interface SimulatedSatochipOptions {
  /** The factory certificate; default 'test-ca'. 'none' is a card never personalised. */
  withCertificate?: CertificateKind;
  /** The 42-byte GlobalPlatform CPLC (the certificate's CN is SHA-1 of it); default random. */
  cplc?: Uint8Array;
}

/** Direct set-up for tests, through the applet's own SETUP, VERIFY PIN, IMPORT SEED, LABEL. */
export interface SatochipSetup extends SeedSource {
  /** 4 to 16 bytes of UTF-8. */
  pin: string;
  puk: string;
  /** Defaults 5 and 1, as the Satochip apps set them. */
  pinTries?: number;
  pukTries?: number;
  /** Slots of the BIP-32 cache; default 32, as the Satochip apps set it. */
  cacheSlots?: number;
  label?: string;
}

export interface SimulatedSatochipState {
  setUp: boolean;
  seeded: boolean;
  pinTriesLeft: number;
  pukTriesLeft: number;
  /** Compressed, hex. */
  authentikey: string;
  /** What a genuine certificate's subject CN says: SHA-1 of the CPLC answer, hex. */
  serialNumber: string;
  label: string;
  /** Device certificate (X.509 DER), empty when there is none. */
  certificate: Uint8Array;
  cacheSlotsUsed: number;
  apduCount: number;
}

const INS = { SETUP: 0x2a, VERIFY_PIN: 0x42, IMPORT_SEED: 0x6c, CARD_LABEL: 0x3d } as const;

export class SimulatedSatochip extends ToporinCard<SatochipApplet> {
  private readonly authentikeyPublic: Uint8Array;

  constructor(options: SimulatedSatochipOptions = {}) {
    const authentikey = randomKeyPair();
    const kind = options.withCertificate ?? 'test-ca';
    const cardManager = new CardManager(options.cplc);
    const certificate =
      kind === 'none'
        ? undefined
        : deviceCertificate(kind, 'satochip', authentikey.publicKey, cardManager.serialNumber);
    super(
      SATOCHIP_AID,
      cardManager,
      (forced) => new SatochipApplet({ authentikey, certificate, forced }),
    );
    this.authentikeyPublic = authentikey.publicKey;
  }

  /** A card through SETUP (and IMPORT SEED and LABEL when given), then power-cycled. */
  static initialized(
    setup: SatochipSetup,
    options: SimulatedSatochipOptions = {},
  ): SimulatedSatochip {
    const card = new SimulatedSatochip(options);
    const pin = pinBytes(setup.pin, 'PIN');
    const puk = pinBytes(setup.puk, 'PUK');
    const seed = seedFor(setup);
    const cacheSlots = setup.cacheSlots ?? 32;
    if (!Number.isInteger(cacheSlots) || cacheSlots < 0 || cacheSlots > 474) {
      throw new LifeboatError('invalid-input', 'A Satochip BIP-32 cache holds 0 to 474 keys.');
    }
    const setupData = concatBytes(
      Uint8Array.of(DEFAULT_PIN.length),
      DEFAULT_PIN,
      Uint8Array.of(tryLimit(setup.pinTries ?? 5, 'PIN'), tryLimit(setup.pukTries ?? 1, 'PUK')),
      Uint8Array.of(pin.length),
      pin,
      Uint8Array.of(puk.length),
      puk,
      // PIN 1 and its PUK: unused, random, one try each, as the Satochip apps set them.
      Uint8Array.of(1, 1, 16),
      randomBytes(16),
      Uint8Array.of(16),
      randomBytes(16),
      Uint8Array.of(cacheSlots >> 8, cacheSlots & 0xff, 0, 0, 1, 1, 1),
    );
    const apdus = [command(INS.SETUP, 0, 0, setupData), command(INS.VERIFY_PIN, 0, 0, pin)];
    if (seed) apdus.push(command(INS.IMPORT_SEED, seed.length, 0, seed));
    if (setup.label !== undefined) {
      apdus.push(command(INS.CARD_LABEL, 0, 0, labelField(setup.label, 64)));
    }
    card.provision(apdus);
    seed?.fill(0);
    return card;
  }

  /** Read-only view for assertions. */
  get state(): SimulatedSatochipState {
    return {
      setUp: this.applet.isSetUp,
      seeded: this.applet.isSeeded,
      pinTriesLeft: this.applet.pinTriesLeft,
      pukTriesLeft: this.applet.pukTriesLeft,
      authentikey: bytesToHex(secp256k1.Point.fromBytes(this.authentikeyPublic).toBytes(true)),
      serialNumber: this.cardManager.serialNumber,
      label: new TextDecoder().decode(this.applet.cardLabel),
      certificate: this.applet.certificate,
      cacheSlotsUsed: this.applet.cacheSlotsUsed,
      apduCount: this.apduCount,
    };
  }
}
