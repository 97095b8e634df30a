// Satochip factory reset as the applet defines it (CardEdge.java, INS_RESET_TO_FACTORY):
// RESET TO FACTORY must reach the card five times, each time as the first command after a
// card reset, with nothing else sent in between. The card counts down in the status word
// (FF04 … FF01), answers FF00 when it has erased PIN, seed and label, and FFFF when
// another command broke the sequence. A fresh channel per round gives the card reset:
// closing a PC/SC channel resets the card. The first round may meet a card that was used
// since its last reset; its FFFF only restarts the count.
import { LifeboatError } from '../../errors';
import type { CardChannel } from '../channel';
import { parseResponse } from '../keycard/apdu';
import { AID, INS, encodeCommand, selectCommand } from '../toporin/apdu';
import { expectOk, statusError, swHex } from '../toporin/status-words';
import { SatochipSession } from './session';

export const RESET_ROUNDS = 5;

/**
 * Runs the reset rounds, each on a channel from `connect`, and returns a session on the
 * blank card. `onRound` reports the rounds done so a person can follow.
 */
export async function factoryResetSatochip(
  connect: () => Promise<CardChannel>,
  onRound: (done: number) => void = () => undefined,
): Promise<SatochipSession> {
  let round = 0;
  for (let step = 0; step <= RESET_ROUNDS; step += 1) {
    const channel = await connect();
    let sw: number;
    try {
      expectOk(parseResponse(await channel.transmit(selectCommand(AID.satochip))), 'select');
      sw = parseResponse(await channel.transmit(encodeCommand({ ins: INS.resetToFactory }))).sw;
    } finally {
      await channel.close();
    }
    if (sw === 0xffff && step === 0) continue;
    if (sw === 0xffff)
      throw new LifeboatError(
        'conditions-not-satisfied',
        'Another command reached the card between two reset steps, so the card cancelled the reset. Start again.',
        { sw: swHex(sw) },
      );
    if (sw >> 8 !== 0xff) throw statusError(sw, 'factory-reset');
    round += 1;
    onRound(round);
    if ((sw & 0xff) === 0) return SatochipSession.select(await connect());
  }
  throw new LifeboatError(
    'card-error',
    'The card did not finish its factory reset after the expected number of steps.',
  );
}
