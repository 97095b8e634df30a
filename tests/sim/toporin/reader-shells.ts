// The Keycard simulator's reader shells take any simulated card: behind pcscd through a
// vpcd virtual reader, or in-process as a CardChannel. Here they are named for the Toporin
// cards.
import type { CardChannel } from '../../../main/cards/channel';
import type { SimulatedCard } from '../keycard/faults';
import { simulatorChannel as channelFor } from '../keycard/simulator-channel';

export { insertIntoReader, type InsertedCard } from '../keycard/vpcd-insertion';

/** The card without pcscd: a CardChannel for fast unit tests of a driver. */
export function simulatorChannel(
  card: SimulatedCard,
  reader = 'Simulated Toporin card',
): CardChannel {
  return channelFor(card, reader);
}
