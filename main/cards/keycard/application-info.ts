// SELECT of the Keycard applet instance and its answer: either the bare secure-channel key
// of a card that has no PIN yet, or the Application Info Template of an initialised card.
import { hexToBytes } from '@noble/hashes/utils.js';
import { LifeboatError } from '../../errors';
import { CLA_ISO, INS, encodeCommand } from './apdu';
import { uncompressedPublicKey } from './public-key';
import { decodeTlvs, requireTag, findTag } from './tlv';

/** Keycard applet AID + instance index 01 (keycard-go identifiers, applet build.gradle). */
export const KEYCARD_INSTANCE_AID = hexToBytes('a00000080400010101');

export const CAPABILITIES = {
  secureChannel: 0x01,
  keyManagement: 0x02,
  credentialsManagement: 0x04,
  ndef: 0x08,
  factoryReset: 0x10,
} as const;
export type Capability = keyof typeof CAPABILITIES;

/** Cards before applet 2.1 send no capabilities tag; they support everything of their time. */
const CAPABILITIES_WHEN_ABSENT = 0x0f;

export interface PreInitializedInfo {
  initialized: false;
  secureChannelPublicKey: Uint8Array;
}

export interface InitializedInfo {
  initialized: true;
  instanceUid: Uint8Array;
  secureChannelPublicKey: Uint8Array;
  version: { major: number; minor: number };
  freePairingSlots: number;
  /** SHA-256 of the master public key; undefined when no key is loaded. */
  keyUid: Uint8Array | undefined;
  capabilities: number;
}

export type ApplicationInfo = PreInitializedInfo | InitializedInfo;

export function selectCommand(): Uint8Array {
  return encodeCommand({
    cla: CLA_ISO,
    ins: INS.select,
    p1: 0x04,
    p2: 0x00,
    data: KEYCARD_INSTANCE_AID,
    le: 0,
  });
}

const TAG = {
  template: 0xa4,
  instanceUid: 0x8f,
  publicKey: 0x80,
  integer: 0x02,
  keyUid: 0x8e,
  capabilities: 0x8d,
} as const;

export function parseApplicationInfo(data: Uint8Array): ApplicationInfo {
  const top = decodeTlvs(data);
  const first = top[0];
  if (first?.tag === TAG.publicKey) {
    return {
      initialized: false,
      secureChannelPublicKey: uncompressedPublicKey(first.value, 'secure channel key'),
    };
  }
  if (first?.tag !== TAG.template) {
    throw new LifeboatError(
      'malformed-response',
      'The card’s answer to SELECT is not a Keycard answer.',
    );
  }
  const fields = decodeTlvs(first.value);
  const version = requireTag(fields, TAG.integer, 'applet version', { length: 2 });
  if (version[0]! >= 4) {
    // Applet 4 replaced pairing and the secure channel with an incompatible protocol.
    throw new LifeboatError(
      'card-not-supported',
      `This Keycard runs applet version ${version[0]}.${version[1]}, which Lifeboat does not support yet.`,
    );
  }
  const slots = requireTag(fields, TAG.integer, 'free pairing slots', { occurrence: 1, length: 1 });
  const keyUid = requireTag(fields, TAG.keyUid, 'key UID');
  if (keyUid.length !== 0 && keyUid.length !== 32)
    throw new LifeboatError('malformed-response', 'The card sent a key UID of the wrong size.');
  const capabilities = findTag(fields, TAG.capabilities);
  if (capabilities !== undefined && capabilities.length !== 1)
    throw new LifeboatError('malformed-response', 'The card sent malformed capabilities.');
  return {
    initialized: true,
    instanceUid: requireTag(fields, TAG.instanceUid, 'instance UID', { length: 16 }).slice(),
    secureChannelPublicKey: uncompressedPublicKey(
      requireTag(fields, TAG.publicKey, 'secure channel key', { length: 65 }),
      'secure channel key',
    ),
    version: { major: version[0]!, minor: version[1]! },
    freePairingSlots: slots[0]!,
    keyUid: keyUid.length === 0 ? undefined : keyUid.slice(),
    capabilities: capabilities?.[0] ?? CAPABILITIES_WHEN_ABSENT,
  };
}

export function hasCapability(info: InitializedInfo, capability: Capability): boolean {
  return (info.capabilities & CAPABILITIES[capability]) !== 0;
}
