import { describe, expect, it } from 'vitest';
import type { CardSessionView, CredentialRules } from '../../../preload/api';
import { KEYCARD_RULES } from '../../../main/cards/keycard/driver';
import { SATOCHIP_RULES } from '../../../main/cards/satochip/driver';
import { SEEDKEEPER_RULES } from '../../../main/cards/seedkeeper/driver';
import {
  afterAttestation,
  afterLostAnswer,
  afterPairing,
  afterPairingError,
  afterUnblock,
  afterUnlock,
  stepSession,
} from '../../../renderer/card/connect-steps';

const KEY_UID = 'ab'.repeat(32);

function session(overrides: Partial<CardSessionView> = {}, info = {}): CardSessionView {
  return {
    sessionId: 's1',
    reader: 'Virtual PCD 00 00',
    cardSeq: 1,
    info: {
      family: 'keycard',
      version: '3.1',
      initialized: true,
      instanceUid: '00'.repeat(16),
      keyUid: KEY_UID,
      rules: KEYCARD_RULES,
      capabilities: ['accounts', 'sign'],
      ...info,
    },
    paired: false,
    unlocked: false,
    ...overrides,
  };
}

/** A family unlike the Keycard: 4–16 characters, five tries by default, no PUK, no pairing. */
const NO_PUK: CredentialRules = {
  pin: { minLength: 4, maxLength: 16, alphabet: 'any' },
  puk: null,
  pairing: false,
  pinTries: { min: 1, max: 15, default: 5 },
  pukTries: null,
  changePinAsksCurrent: false,
  unblockSetsPin: false,
  pukExhausted: 'locked',
};

function otherFamily(overrides: Partial<CardSessionView> = {}): CardSessionView {
  return {
    sessionId: 's2',
    reader: 'Virtual PCD 00 01',
    cardSeq: 1,
    info: {
      family: 'satochip',
      version: '0.12',
      initialized: true,
      keyUid: KEY_UID,
      rules: NO_PUK,
      capabilities: ['accounts', 'sign'],
    },
    paired: true,
    unlocked: false,
    ...overrides,
  };
}

/** A Satochip holding a wallet whose key UID it shows only once unlocked. */
function lockedSatochip(): CardSessionView {
  return {
    sessionId: 's3',
    reader: 'Virtual PCD 00 00',
    cardSeq: 1,
    info: {
      family: 'satochip',
      version: '0.12-0.6',
      initialized: true,
      keyLoaded: true,
      rules: SATOCHIP_RULES,
      capabilities: ['attest', 'accounts', 'sign', 'import-seed'],
    },
    paired: false,
    unlocked: false,
  };
}

function seedkeeper(initialized = true): CardSessionView {
  return {
    sessionId: 's4',
    reader: 'Virtual PCD 00 01',
    cardSeq: 1,
    info: {
      family: 'seedkeeper',
      version: '0.2-0.1',
      initialized,
      rules: SEEDKEEPER_RULES,
      capabilities: ['attest', 'change-pin', 'unblock', 'backup-secrets'],
    },
    paired: false,
    unlocked: false,
  };
}

describe('afterAttestation with cards of either kind', () => {
  it('names a backup card where a wallet card is wanted, before any PIN, and the reverse', () => {
    const backup = seedkeeper();
    for (const purpose of ['source', 'new-card'] as const)
      expect(afterAttestation(backup, purpose)).toEqual({
        name: 'wrong-kind',
        session: backup,
        wanted: 'wallet',
      });
    const wallet = session();
    for (const purpose of ['backup-source', 'backup-destination'] as const)
      expect(afterAttestation(wallet, purpose)).toEqual({
        name: 'wrong-kind',
        session: wallet,
        wanted: 'backup',
      });
  });

  it('takes either kind in a drill and in the card tools', () => {
    expect(afterAttestation(seedkeeper(), 'backup')).toBe('pair');
    expect(afterAttestation(seedkeeper(), 'tools')).toBe('pair');
    expect(afterAttestation(seedkeeper(), 'backup-source')).toBe('pair');
    expect(afterAttestation(lockedSatochip(), 'backup')).toBe('pair');
  });

  it('counts a locked Satochip that says it holds a wallet as holding one', () => {
    expect(afterAttestation(lockedSatochip(), 'source')).toBe('pair');
    const empty = lockedSatochip();
    const keyless = { ...empty, info: { ...empty.info, keyLoaded: undefined } };
    expect(afterAttestation(keyless, 'source')).toEqual({ name: 'no-key', session: keyless });
  });

  it('sets up a blank backup card only where a copy is to be kept on it', () => {
    const blank = seedkeeper(false);
    expect(afterAttestation(blank, 'backup-destination')).toEqual({
      name: 'blank',
      session: blank,
    });
    expect(afterAttestation(blank, 'backup-source')).toEqual({ name: 'blank', session: blank });
  });
});

describe('afterAttestation', () => {
  it('sends a blank card to set-up, whatever the job', () => {
    const blank = session({}, { initialized: false, keyUid: undefined });
    for (const purpose of ['source', 'backup', 'new-card', 'tools'] as const) {
      expect(afterAttestation(blank, purpose)).toEqual({ name: 'blank', session: blank });
    }
  });

  it('refuses a keyless card where a wallet is needed, accepts it elsewhere', () => {
    const keyless = session({}, { keyUid: undefined });
    expect(afterAttestation(keyless, 'source')).toEqual({ name: 'no-key', session: keyless });
    expect(afterAttestation(keyless, 'backup')).toEqual({ name: 'no-key', session: keyless });
    expect(afterAttestation(keyless, 'new-card')).toBe('pair');
    expect(afterAttestation(keyless, 'tools')).toBe('pair');
  });

  it('pairs a locked card and skips straight on with an unlocked one', () => {
    expect(afterAttestation(session(), 'source')).toBe('pair');
    const open = session({ paired: true, unlocked: true });
    expect(afterAttestation(open, 'source')).toEqual({ name: 'ready', session: open });
  });
});

describe('afterPairing', () => {
  it('shows the PIN pad with the tries the card reports', () => {
    const paired = session({
      paired: true,
      status: { pinTries: 2, pukTries: 5, keyInitialized: true },
    });
    expect(afterPairing(paired)).toEqual({
      name: 'pin',
      session: paired,
      pinTries: 2,
      wrong: false,
    });
  });

  it('goes to the PUK when the PIN is already blocked, and to the end when the PUK is too', () => {
    const blocked = session({
      paired: true,
      status: { pinTries: 0, pukTries: 4, keyInitialized: true },
    });
    expect(afterPairing(blocked)).toEqual({
      name: 'blocked',
      session: blocked,
      pukTries: 4,
      wrong: false,
    });
    const dead = session({
      paired: true,
      status: { pinTries: 0, pukTries: 0, keyInitialized: true },
    });
    expect(afterPairing(dead)).toEqual({ name: 'puk-blocked', session: dead });
  });
});

describe('afterUnlock', () => {
  const paired = session({
    paired: true,
    status: { pinTries: 3, pukTries: 5, keyInitialized: true },
  });

  it('counts down on a wrong PIN and says it was wrong', () => {
    expect(afterUnlock(paired, { unlocked: false, pinTries: 2 })).toEqual({
      name: 'pin',
      session: paired,
      pinTries: 2,
      wrong: true,
    });
    expect(afterUnlock(paired, { unlocked: false, pinTries: 1 })).toMatchObject({ pinTries: 1 });
  });

  it('turns to the PUK when the last try was wrong', () => {
    expect(afterUnlock(paired, { unlocked: false, pinTries: 0 })).toEqual({
      name: 'blocked',
      session: paired,
      pukTries: 5,
      wrong: false,
    });
  });

  it('is ready with the unlocked session main returns', () => {
    const unlocked = { ...paired, unlocked: true };
    expect(afterUnlock(paired, { unlocked: true, session: unlocked })).toEqual({
      name: 'ready',
      session: unlocked,
    });
  });
});

describe('afterUnblock', () => {
  const blocked = session({
    paired: true,
    status: { pinTries: 0, pukTries: 5, keyInitialized: true },
  });

  it('counts the PUK down, then ends', () => {
    expect(afterUnblock(blocked, { unblocked: false, pukTries: 4 })).toEqual({
      name: 'blocked',
      session: blocked,
      pukTries: 4,
      wrong: true,
    });
    expect(afterUnblock(blocked, { unblocked: false, pukTries: 0 })).toEqual({
      name: 'puk-blocked',
      session: blocked,
    });
  });

  it('is ready once unblocked', () => {
    const unlocked = { ...blocked, unlocked: true };
    expect(afterUnblock(blocked, { unblocked: true, session: unlocked })).toEqual({
      name: 'ready',
      session: unlocked,
    });
  });
});

describe('the card’s own rules', () => {
  it('asks for a pairing password only where the card pairs', () => {
    const keycard = session();
    expect(afterPairingError(keycard, 'wrong-pairing-password', false)).toEqual({
      name: 'password',
      session: keycard,
      wrong: false,
    });
    expect(afterPairingError(keycard, 'wrong-pairing-password', true)).toMatchObject({
      wrong: true,
    });
    expect(afterPairingError(keycard, 'no-pairing-slots', false)).toBeNull();
    expect(afterPairingError(otherFamily(), 'wrong-pairing-password', false)).toBeNull();
  });

  it('starts the PIN pad at the family’s default tries when the card has not said', () => {
    expect(afterPairing(otherFamily())).toMatchObject({ name: 'pin', pinTries: 5 });
    expect(afterPairing(session())).toMatchObject({ name: 'pin', pinTries: 3 });
  });

  it('ends at a blocked PIN when the card has no PUK to unblock it', () => {
    const blocked = otherFamily({ status: { pinTries: 0, pukTries: 0, keyInitialized: true } });
    expect(afterPairing(blocked)).toEqual({ name: 'puk-blocked', session: blocked });
    const counting = otherFamily({ status: { pinTries: 1, pukTries: 0, keyInitialized: true } });
    expect(afterUnlock(counting, { unlocked: false, pinTries: 0 })).toEqual({
      name: 'puk-blocked',
      session: counting,
    });
  });
});

describe('afterLostAnswer', () => {
  const paired = session({
    paired: true,
    status: { pinTries: 3, pukTries: 5, keyInitialized: true },
  });
  const lost = (details: Record<string, number>) => ({
    code: 'answer-lost' as const,
    message: 'The card’s answer was lost.',
    details: { command: 'verify-pin', ...details },
  });

  it('shows the PIN pad again with the tries the card reports, not saying the PIN was wrong', () => {
    expect(afterLostAnswer(paired, lost({ pinTries: 2, pukTries: 5 }))).toEqual({
      name: 'pin',
      session: paired,
      pinTries: 2,
      wrong: false,
    });
  });

  it('turns to the PUK when the lost entry spent the last try', () => {
    expect(afterLostAnswer(paired, lost({ pinTries: 0, pukTries: 5 }))).toEqual({
      name: 'blocked',
      session: paired,
      pukTries: 5,
      wrong: false,
    });
  });

  it('leaves other errors, and a card that could not say its tries, to the error notice', () => {
    expect(afterLostAnswer(paired, lost({}))).toBeNull();
    expect(
      afterLostAnswer(paired, { code: 'card-removed', message: 'gone', details: { pinTries: 2 } }),
    ).toBeNull();
  });
});

describe('stepSession', () => {
  it('names the session of a step, if it has one', () => {
    expect(stepSession({ name: 'choose' })).toBeUndefined();
    const s = session();
    expect(stepSession({ name: 'attested', session: s })).toBe(s);
  });
});
