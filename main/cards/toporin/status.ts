// GET STATUS (INS 0x3C), answered in plain even when the card needs the secure channel:
// `protocol(2) | applet(2) | PIN0 PUK0 PIN1 PUK1 tries(4) | needs2FA | seeded | setupDone |
// needsSecureChannel | nfcPolicy…`. Older applets stop early; pysatochip's defaults for the
// missing bytes are kept (setup done, no secure channel).
import { LifeboatError } from '../../errors';

export interface Version {
  major: number;
  minor: number;
}

export interface ToporinStatus {
  protocol: Version;
  applet: Version;
  /** 0 before setup (the applet reports no counters then) and when blocked. */
  pinTries: number;
  pukTries: number;
  setupDone: boolean;
  /** Satochip: a BIP-32 seed is loaded. A Seedkeeper always reports true. */
  seeded: boolean;
  needsSecureChannel: boolean;
  /** Satochip's optional second factor; Lifeboat cannot sign for such a card. */
  needs2fa: boolean;
}

export function parseStatus(data: Uint8Array): ToporinStatus {
  if (data.length < 4)
    throw new LifeboatError('malformed-response', 'The card’s status answer is cut short.');
  const at = (i: number) => data[i];
  return {
    protocol: { major: data[0]!, minor: data[1]! },
    applet: { major: data[2]!, minor: data[3]! },
    pinTries: at(4) ?? 0,
    pukTries: at(5) ?? 0,
    needs2fa: (at(8) ?? 0) !== 0,
    seeded: (at(9) ?? 0) !== 0,
    setupDone: data.length >= 11 ? data[10] !== 0 : true,
    needsSecureChannel: (at(11) ?? 0) !== 0,
  };
}

/** The status of a card that answered GET STATUS with "setup not done" (applets before 0.12). */
export function blankStatus(): ToporinStatus {
  return {
    protocol: { major: 0, minor: 0 },
    applet: { major: 0, minor: 0 },
    pinTries: 0,
    pukTries: 0,
    needs2fa: false,
    seeded: false,
    setupDone: false,
    needsSecureChannel: false,
  };
}
