// A simulated Seedkeeper: the card runtime around the Seedkeeper applet (SeedKeeper.java
// 0.2-0.1), with its factory identity (GlobalPlatform CPLC, authentikey, device
// certificate). It answers exactly what the applet answers; the reader shells in
// ../keycard put it behind pcscd or an in-process CardChannel.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, concatBytes, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { LifeboatError } from '../../../main/errors';
import { DEFAULT_PIN } from '../toporin/card-edge';
import { CardManager } from '../toporin/card-manager';
import { deviceCertificate, type CertificateKind } from '../toporin/certificates';
import { randomKeyPair } from '../toporin/ec-keys';
import { command, labelField, pinBytes, tryLimit } from '../toporin/set-up';
import { ToporinCard } from '../toporin/toporin-card';
import { SECRET_INS } from './secret-store';
import { SeedkeeperApplet } from './seedkeeper-applet';

export const SEEDKEEPER_AID = hexToBytes('536565644b656570657200');
const DEFAULT_MEMORY = 0x0fff;
const CHUNK = 128;
const INS = { SETUP: 0x2a, VERIFY_PIN: 0x42, CARD_LABEL: 0x3d } as const;

export interface SimulatedSeedkeeperOptions {
  /** The factory certificate; default 'test-ca'. 'none' is a card never personalised. */
  withCertificate?: CertificateKind;
  /** The 42-byte GlobalPlatform CPLC (the certificate's CN is SHA-1 of it); default random. */
  cplc?: Uint8Array;
  /** Bytes of secret memory (the applet's install parameter); default 4095. */
  memorySize?: number;
}

/** A secret for the direct set-up, imported in plain through the applet's own IMPORT SECRET. */
export interface SecretToStore {
  type: number;
  subtype?: number;
  /** 0x00 never, 0x01 plain or encrypted (default), 0x02 encrypted only. */
  exportRights?: number;
  label: string;
  /** The secret's bytes in its type's layout; opaque to the card. */
  data: Uint8Array;
}

export interface SeedkeeperSetup {
  /** 4 to 16 bytes of UTF-8. */
  pin: string;
  puk: string;
  /** Defaults 5 and 1, as the Seedkeeper apps set them (the last wrong PUK resets the card). */
  pinTries?: number;
  pukTries?: number;
  label?: string;
  /** Stored in this order (ids 0, 1, …). */
  secrets?: readonly SecretToStore[];
}

export interface SimulatedSeedkeeperState {
  setUp: boolean;
  pinTriesLeft: number;
  pukTriesLeft: number;
  /** Compressed, hex. */
  authentikey: string;
  /** What a genuine certificate's subject CN says: SHA-1 of the CPLC answer, hex. */
  serialNumber: string;
  label: string;
  certificate: Uint8Array;
  secrets: number;
  freeMemory: number;
  apduCount: number;
}

export class SimulatedSeedkeeper extends ToporinCard<SeedkeeperApplet> {
  private readonly authentikeyPublic: Uint8Array;

  constructor(options: SimulatedSeedkeeperOptions = {}) {
    const memorySize = options.memorySize ?? DEFAULT_MEMORY;
    if (!Number.isInteger(memorySize) || memorySize < 64 || memorySize > 0x7fff) {
      throw new LifeboatError('invalid-input', 'A Seedkeeper has 64 to 32767 bytes of memory.');
    }
    const authentikey = randomKeyPair();
    const kind = options.withCertificate ?? 'test-ca';
    const cardManager = new CardManager(options.cplc);
    const certificate =
      kind === 'none'
        ? undefined
        : deviceCertificate(kind, 'seedkeeper', authentikey.publicKey, cardManager.serialNumber);
    super(
      SEEDKEEPER_AID,
      cardManager,
      (forced) => new SeedkeeperApplet({ authentikey, certificate, memorySize, forced }),
    );
    this.authentikeyPublic = authentikey.publicKey;
  }

  /** A card through SETUP (and LABEL and IMPORT SECRET when given), then power-cycled. */
  static initialized(
    setup: SeedkeeperSetup,
    options: SimulatedSeedkeeperOptions = {},
  ): SimulatedSeedkeeper {
    const card = new SimulatedSeedkeeper(options);
    const pin = pinBytes(setup.pin, 'PIN');
    const puk = pinBytes(setup.puk, 'PUK');
    const setupData = concatBytes(
      Uint8Array.of(DEFAULT_PIN.length),
      DEFAULT_PIN,
      Uint8Array.of(tryLimit(setup.pinTries ?? 5, 'PIN'), tryLimit(setup.pukTries ?? 1, 'PUK')),
      Uint8Array.of(pin.length),
      pin,
      Uint8Array.of(puk.length),
      puk,
      Uint8Array.of(1, 1, 16),
      randomBytes(16),
      Uint8Array.of(16),
      randomBytes(16),
      Uint8Array.of(0, 0, 0, 0, 1, 1, 1),
    );
    const apdus = [command(INS.SETUP, 0, 0, setupData), command(INS.VERIFY_PIN, 0, 0, pin)];
    if (setup.label !== undefined) {
      apdus.push(command(INS.CARD_LABEL, 0, 0, labelField(setup.label, 64)));
    }
    for (const secret of setup.secrets ?? []) apdus.push(...importCommands(secret));
    card.provision(apdus);
    return card;
  }

  /** Read-only view for assertions. */
  get state(): SimulatedSeedkeeperState {
    const memory = this.applet.memory;
    return {
      setUp: this.applet.isSetUp,
      pinTriesLeft: this.applet.pinTriesLeft,
      pukTriesLeft: this.applet.pukTriesLeft,
      authentikey: bytesToHex(secp256k1.Point.fromBytes(this.authentikeyPublic).toBytes(true)),
      serialNumber: this.cardManager.serialNumber,
      label: new TextDecoder().decode(this.applet.cardLabel),
      certificate: this.applet.certificate,
      secrets: memory.secrets,
      freeMemory: memory.free,
      apduCount: this.apduCount,
    };
  }
}

/** IMPORT SECRET in plain: INIT with the header and padded size, then 128-byte chunks. */
function importCommands(secret: SecretToStore): Uint8Array[] {
  const exportRights = secret.exportRights ?? 0x01;
  for (const [value, what] of [
    [secret.type, 'type'],
    [secret.subtype ?? 0, 'subtype'],
    [exportRights, 'export rights'],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 0xff) {
      throw new LifeboatError('invalid-input', `A secret's ${what} is one byte.`);
    }
  }
  const label = labelField(secret.label, 127);
  const padded = secret.data.length + 16 - (secret.data.length % 16);
  const header = concatBytes(
    Uint8Array.of(secret.type, 0, exportRights, 0, 0, 0, 0, 0, 0, 0, secret.subtype ?? 0, 0),
    label,
  );
  const apdus = [
    command(
      SECRET_INS.IMPORT_SECRET,
      1,
      1,
      concatBytes(header, Uint8Array.of(padded >> 8, padded & 0xff)),
    ),
  ];
  let offset = 0;
  while (secret.data.length - offset > CHUNK) {
    apdus.push(command(SECRET_INS.IMPORT_SECRET, 1, 2, chunk(secret.data, offset, CHUNK)));
    offset += CHUNK;
  }
  apdus.push(
    command(
      SECRET_INS.IMPORT_SECRET,
      1,
      3,
      chunk(secret.data, offset, secret.data.length - offset),
    ),
  );
  return apdus;
}

function chunk(data: Uint8Array, offset: number, size: number): Uint8Array {
  return concatBytes(Uint8Array.of(size >> 8, size & 0xff), data.subarray(offset, offset + size));
}
