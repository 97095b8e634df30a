// A channel that rewrites the card's answers, between the driver and the simulated card: the
// card runs every command, but the answer to chosen ones comes back as a bare 6982 or 6985
// (what a card says when it dropped the secure channel) or with a broken MAC. A PIN entry must
// cost at most one try, no PIN may be sent once the tries are spent, and no command that
// changes the card may be sent twice.
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import type { CardChannel } from '../../../../main/cards/channel';
import { INS } from '../../../../main/cards/keycard/apdu';
import type { KeycardSession } from '../../../../main/cards/keycard/session';
import { isLifeboatError } from '../../../../main/errors';
import type { SimulatedKeycard } from '../../../sim/keycard';
import { APPLET_MNEMONIC, PIN, PUK, opened } from './fixtures';

type Rewrite = 'sw6982' | 'sw6985' | 'bad-mac';

interface Rewriting {
  transmit: CardChannel['transmit'];
  /** For each command with a rewritten answer: its INS, and the PIN tries the card had before. */
  sent: { ins: number; pinTriesBefore: number }[];
}

/** Rewrites the answer to every command whose INS is in `targets`, after the card ran it. */
function rewriting(
  send: CardChannel['transmit'],
  card: SimulatedKeycard,
  targets: readonly number[],
  how: Rewrite,
): Rewriting {
  const sent: Rewriting['sent'] = [];
  const transmit: CardChannel['transmit'] = async (apdu, options) => {
    const ins = apdu[1]!;
    const target = apdu[0] === 0x80 && targets.includes(ins);
    if (target) sent.push({ ins, pinTriesBefore: card.state.pinTriesLeft });
    const answer = await send(apdu, options);
    if (!target) return answer;
    if (how === 'sw6982') return Uint8Array.of(0x69, 0x82);
    if (how === 'sw6985') return Uint8Array.of(0x69, 0x85);
    const broken = answer.slice();
    broken[0] = broken[0]! ^ 0xff;
    return broken;
  };
  return { transmit, sent };
}

/** A paired session whose answers to `targets` are rewritten from now on. */
async function session(
  targets: readonly number[],
  how: Rewrite,
  setup: { mnemonic?: string } = {},
): Promise<{ session: KeycardSession; card: SimulatedKeycard; rewriting: Rewriting }> {
  const { card, session: s, recorded } = await opened(setup);
  const rewritten = rewriting(recorded.channel.transmit, card, targets, how);
  // The driver keeps its channel; replacing its transmit puts the rewriter in between.
  Object.assign(recorded.channel, { transmit: rewritten.transmit });
  return { session: s, card, rewriting: rewritten };
}

async function failure(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('a lost answer to VERIFY PIN', () => {
  for (const how of ['sw6982', 'sw6985', 'bad-mac'] as const) {
    it(`costs at most one try and is not sent again (${how})`, async () => {
      const { session: s, card, rewriting: r } = await session([INS.verifyPin], how);
      const error = await failure(s.verifyPin('000000'));
      expect(card.state.pinTriesLeft).toBe(2);
      expect(r.sent).toHaveLength(1);
      // The counters were read again over a reopened channel, and say what the card spent.
      expect(error).toMatchObject({
        code: 'answer-lost',
        details: { command: 'verify-pin', pinTries: 2, pukTries: 5 },
      });
      expect((error as Error).message).toContain('2 PIN tries and 5 PUK tries left');
      expect(s.pinVerified).toBe(false);
    });
  }

  it('sends no PIN once the tries are spent, however often the person tries again', async () => {
    const { session: s, card, rewriting: r } = await session([INS.verifyPin], 'sw6982');
    const errors: unknown[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1)
      errors.push(await failure(s.verifyPin('000000')));
    expect(card.state.pinTriesLeft).toBe(0);
    expect(r.sent.map((x) => x.pinTriesBefore)).toEqual([3, 2, 1]);
    expect(errors.slice(0, 3).map((e) => (e as { code: string }).code)).toEqual([
      'answer-lost',
      'answer-lost',
      'answer-lost',
    ]);
    for (const later of errors.slice(3)) expect(later).toMatchObject({ code: 'pin-blocked' });
    // The right PIN is not sent to a blocked card either.
    await expect(s.verifyPin(PIN)).rejects.toMatchObject({ code: 'pin-blocked' });
    expect(r.sent).toHaveLength(3);
  });

  it('still counts down on plain wrong-PIN answers, and refuses at zero without sending', async () => {
    const { session: s, card, rewriting: r } = await session([], 'sw6982');
    for (const triesLeft of [2, 1, 0]) {
      const error = await failure(s.verifyPin('000000'));
      expect(error).toMatchObject({ details: { triesLeft } });
    }
    const before = card.state.apduCount;
    await expect(s.verifyPin(PIN)).rejects.toMatchObject({ code: 'pin-blocked' });
    expect(card.state.apduCount).toBe(before);
    expect(r.sent).toEqual([]);
  });
});

describe('a lost answer to a command that changes the card', () => {
  it('UNBLOCK PIN is sent once and the counters are read again', async () => {
    const { session: s, card, rewriting: r } = await session([INS.unblockPin], 'sw6982');
    for (let i = 0; i < 3; i += 1) await failure(s.verifyPin('000000'));
    const error = await failure(s.unblockPin(PUK, '111111'));
    expect(r.sent.map((x) => x.ins)).toEqual([INS.unblockPin]);
    expect(card.state.pinTriesLeft).toBe(3);
    expect(error).toMatchObject({ code: 'answer-lost', details: { pinTries: 3, pukTries: 5 } });
  });

  it('CHANGE PIN is sent once; the card did change it', async () => {
    const { session: s, rewriting: r } = await session([INS.changePin], 'sw6985');
    await s.verifyPin(PIN);
    const error = await failure(s.changePin('111111'));
    expect(error).toMatchObject({ code: 'answer-lost', details: { command: 'change-pin' } });
    expect(r.sent).toHaveLength(1);
  });

  it('GENERATE KEY is sent once, and the key UID is read back from the card', async () => {
    const {
      session: s,
      card,
      rewriting: r,
    } = await session([INS.generateKey], 'sw6982', {
      mnemonic: APPLET_MNEMONIC,
    });
    await s.verifyPin(PIN);
    const before = card.state.keyUid;
    const error = await failure(s.generateKey());
    expect(isLifeboatError(error, 'answer-lost')).toBe(true);
    expect(r.sent).toHaveLength(1);
    expect(card.state.keyUid).not.toBe(before);
    expect(s.keyUid && bytesToHex(s.keyUid)).toBe(card.state.keyUid);
  });

  it('a command that changes nothing is still sent again over the reopened channel', async () => {
    const { session: s, rewriting: r } = await session([INS.getStatus], 'sw6982');
    // Every GET STATUS answer is rewritten, so the resend fails too, typed.
    await expect(s.getStatus()).rejects.toMatchObject({ code: 'channel-reset' });
    expect(r.sent.map((x) => x.ins)).toEqual([INS.getStatus, INS.getStatus]);
  });
});
