// Whatever arrives, the simulated card answers with a status word, as a card would: random
// plain APDUs in every state, and random payloads correctly wrapped on an open channel
// (which reach every command handler past the MAC check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulatedKeycard, pairingSecretFor } from './index';
import { Session, ascii, cardKeyOf, connect, select } from './raw-client';

const SECRET = pairingSecretFor('p');
const INS = [
  0x10, 0x11, 0x12, 0x13, 0x14, 0x20, 0x21, 0x22, 0xa4, 0xc0, 0xc1, 0xc2, 0xca, 0xd0, 0xd1, 0xd2,
  0xd3, 0xd4, 0xe2, 0xf2, 0xfd, 0xfe,
];

const header = fc.record({
  cla: fc.constantFrom(0x00, 0x80, 0x84),
  ins: fc.oneof(fc.constantFrom(...INS), fc.integer({ min: 0, max: 255 })),
  p1: fc.oneof(
    fc.constantFrom(0x00, 0x01, 0x02, 0x03, 0x40, 0x80, 0xc0, 0xff, 0xaa),
    fc.integer({ min: 0, max: 255 }),
  ),
  p2: fc.oneof(fc.constantFrom(0x00, 0x01, 0x02, 0x55), fc.integer({ min: 0, max: 255 })),
});

function isStatusWordAnswer(response: Uint8Array): boolean {
  return response instanceof Uint8Array && response.length >= 2 && response.length <= 258;
}

describe('robustness', () => {
  it('answers any plain APDU in any state with a status word', async () => {
    const blank = new SimulatedKeycard({ version: '3.2' });
    const ready = SimulatedKeycard.initialized({
      pin: '000000',
      puk: '012345678901',
      pairingPassword: 'p',
      seed: new Uint8Array(64).fill(1),
    });
    await select((apdu) => blank.transmit(apdu));
    await select((apdu) => ready.transmit(apdu));
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 260 }), (h, tail) => {
        const apdu = Uint8Array.from([h.cla, h.ins, h.p1, h.p2, ...tail]);
        for (const card of [blank, ready])
          expect(isStatusWordAnswer(card.transmit(apdu))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('answers any wrapped payload on an open, PIN-verified channel with a status word', async () => {
    for (const version of ['3.1', '3.2'] as const) {
      const card = SimulatedKeycard.initialized(
        {
          pin: '000000',
          puk: '012345678901',
          pairingPassword: 'p',
          seed: new Uint8Array(64).fill(2),
        },
        { version },
      );
      const send = (apdu: Uint8Array) => card.transmit(apdu);
      const { pairing } = await connect(send, SECRET);
      let session = await reopen();
      async function reopen(): Promise<Session> {
        const opened = await Session.open(send, cardKeyOf(await select(send)), pairing);
        await opened.command(0x20, 0, 0, ascii('000000'));
        return opened;
      }
      await fc.assert(
        fc.asyncProperty(header, fc.uint8Array({ maxLength: 223 }), async (h, data) => {
          // FACTORY RESET and UNPAIR would take away the pairing the next runs rely on.
          if (h.ins === 0xfd || h.ins === 0x13) return;
          const response = send(session.wrap(h.cla, h.ins, h.p1, h.p2, data));
          expect(isStatusWordAnswer(response)).toBe(true);
          try {
            if (response.length === 2) throw new Error('channel closed');
            session.unwrap(response.subarray(0, -2));
          } catch {
            session = await reopen();
          }
        }),
        { numRuns: 300 },
      );
    }
  });
});
