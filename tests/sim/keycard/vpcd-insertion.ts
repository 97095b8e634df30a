// Puts a simulated card into one of the vpcd virtual readers, so the real pcscd and PC/SC
// stack talk to it. Faults act on the socket: a pulled card closes it (before or right
// after its answer), a slow card answers late.
import { LifeboatError } from '../../../main/errors';
import { VpcdCard, type VirtualReader } from '../../support/vpcd-card';
import type { SimulatedCard } from './faults';

export interface InsertedCard {
  remove(): Promise<void>;
  /** Puts the same card (same persistent state) back into the same reader. */
  reinsert(): Promise<void>;
  readonly inserted: boolean;
}

const inReader = new WeakSet<SimulatedCard>();

class VpcdInsertion implements InsertedCard {
  private readonly vpcd: VpcdCard;

  constructor(
    private readonly card: SimulatedCard,
    private readonly reader: VirtualReader,
  ) {
    this.vpcd = new VpcdCard({
      atr: card.atr,
      handle: (apdu) => this.answer(apdu),
      onReset: () => card.reset(),
    });
  }

  get inserted(): boolean {
    return this.vpcd.inserted;
  }

  async insert(): Promise<void> {
    if (inReader.has(this.card)) {
      throw new LifeboatError('invalid-request', 'This simulated card is already in a reader.');
    }
    inReader.add(this.card);
    try {
      await this.vpcd.insert(this.reader);
    } catch (error) {
      inReader.delete(this.card);
      throw error;
    }
  }

  async remove(): Promise<void> {
    if (!this.vpcd.inserted) return;
    inReader.delete(this.card);
    this.card.reset();
    await this.vpcd.remove();
  }

  reinsert(): Promise<void> {
    return this.insert();
  }

  private async answer(apdu: Uint8Array): Promise<Uint8Array> {
    const exchange = this.card.exchange(apdu);
    if (exchange.delayMs > 0) await new Promise((r) => setTimeout(r, exchange.delayMs));
    if (!exchange.response) {
      // Closing the socket first means VpcdCard has no connection left to answer on.
      await this.remove();
      return new Uint8Array(0);
    }
    // VpcdCard writes the answer as soon as this resolves; the socket closes right after.
    if (exchange.remove) setImmediate(() => void this.remove());
    return exchange.response;
  }
}

/** Puts the card into a virtual reader (pcscd + vpcd) and applies its faults. */
export async function insertIntoReader(
  card: SimulatedCard,
  reader: VirtualReader,
): Promise<InsertedCard> {
  const insertion = new VpcdInsertion(card, reader);
  await insertion.insert();
  return insertion;
}
