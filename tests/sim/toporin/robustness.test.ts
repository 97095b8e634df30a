// Whatever arrives, a simulated Toporin card answers with a status word, as a card would:
// random plain APDUs in every state, and random plaintexts correctly wrapped on an open,
// PIN-verified channel (which reach every command handler past the MAC check, malformed
// inner Lc and all).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulatedSatochip } from '../satochip';
import { SimulatedSeedkeeper } from '../seedkeeper';
import type { Channel } from './raw-client';
import { SATOCHIP, SEEDKEEPER, ascii, cmd, connect, select, swOf } from './raw-client';

const PIN = '1234';

const FAMILIES = [
  {
    name: 'Satochip',
    aid: SATOCHIP,
    blank: () => new SimulatedSatochip({ withCertificate: 'none' }),
    ready: () =>
      SimulatedSatochip.initialized({
        pin: PIN,
        puk: '12345678',
        seed: new Uint8Array(64).fill(3),
      }),
    ins: [
      0x2a, 0x3c, 0x3d, 0x42, 0x44, 0x46, 0x48, 0x60, 0x6c, 0x6d, 0x72, 0x73, 0x74, 0x75, 0x77,
      0x7a, 0x81, 0x82, 0x92, 0x93, 0x94, 0x98, 0x99, 0x9a, 0xad, 0xff,
    ],
    // Commands that would take away the PIN the next runs rely on.
    keepAway: [0x44, 0x46, 0x77],
  },
  {
    name: 'Seedkeeper',
    aid: SEEDKEEPER,
    blank: () => new SimulatedSeedkeeper({ withCertificate: 'none', memorySize: 1024 }),
    ready: () =>
      SimulatedSeedkeeper.initialized(
        {
          pin: PIN,
          puk: '12345678',
          secrets: [{ type: 0x10, label: 'seed', data: new Uint8Array(65).fill(4) }],
        },
        { memorySize: 1024 },
      ),
    ins: [
      0x2a, 0x3c, 0x3d, 0x3e, 0x42, 0x44, 0x46, 0x60, 0x73, 0x81, 0x82, 0x92, 0x93, 0x94, 0x98,
      0x99, 0x9a, 0xa0, 0xa1, 0xa2, 0xa3, 0xa5, 0xa6, 0xa7, 0xa9, 0xad, 0xae,
    ],
    keepAway: [0x44, 0x46],
  },
] as const;

function isStatusWordAnswer(response: Uint8Array): boolean {
  return (
    response instanceof Uint8Array &&
    response.length >= 2 &&
    response.length <= 258 &&
    (response.length === 2 || swOf(response) === 0x9000)
  );
}

describe.each(FAMILIES)('$name robustness', ({ aid, blank, ready, ins, keepAway }) => {
  const header = fc.record({
    cla: fc.constantFrom(0x00, 0x80, 0xb0, 0xb0, 0xb0),
    ins: fc.oneof(fc.constantFrom(...ins), fc.integer({ min: 0, max: 255 })),
    p1: fc.oneof(
      fc.constantFrom(0x00, 0x01, 0x02, 0x03, 0x04, 0x40, 0x80, 0xff),
      fc.integer({ min: 0, max: 255 }),
    ),
    p2: fc.oneof(
      fc.constantFrom(0x00, 0x01, 0x02, 0x03, 0x40, 0x80),
      fc.integer({ min: 0, max: 255 }),
    ),
  });

  it('answers any plain APDU in any state with a status word', async () => {
    const cards = [blank(), ready()];
    for (const card of cards) await select((apdu) => card.transmit(apdu), aid);
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 260 }), (h, tail) => {
        const apdu = Uint8Array.from([h.cla, h.ins, h.p1, h.p2, ...tail]);
        for (const card of cards) expect(isStatusWordAnswer(card.transmit(apdu))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('answers any wrapped command on an open, PIN-verified channel with a status word', async () => {
    const card = ready();
    const send = (apdu: Uint8Array) => card.transmit(apdu);
    let channel = await reopen();
    async function reopen(): Promise<Channel> {
      const opened = await connect(send, aid);
      await opened.command(cmd(0x42, 0, 0, ascii(PIN)));
      return opened;
    }
    await fc.assert(
      fc.asyncProperty(
        header,
        fc.oneof(
          fc.uint8Array({ maxLength: 150 }),
          fc.uint8Array({ maxLength: 20 }).map((data) => Uint8Array.of(data.length, ...data)),
        ),
        async (h, rest) => {
          if ((keepAway as readonly number[]).includes(h.ins)) return;
          const response = send(channel.wrap(Uint8Array.from([0xb0, h.ins, h.p1, h.p2, ...rest])));
          expect(isStatusWordAnswer(response)).toBe(true);
          try {
            if (response.length > 2) channel.unwrap(response.subarray(0, -2));
          } catch {
            channel = await reopen();
          }
          if (swOf(response) === 0x9c21 || swOf(response) === 0x9c22) channel = await reopen();
        },
      ),
      { numRuns: 300 },
    );
  });
});
