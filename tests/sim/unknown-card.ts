// A card Lifeboat does not know: every SELECT by name answers one status word (6A82 "not
// found" by default; another, e.g. 6999 "selection failed", to model a card that refuses),
// and every other command 6D00. It records the AIDs it was asked for, so a test can see that
// each family's applet was tried. In-process as a CardChannel, or in a vpcd virtual reader.
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { CardChannel } from '../../main/cards/channel';
import { LifeboatError } from '../../main/errors';
import { VpcdCard, type VirtualReader } from '../support/vpcd-card';

/** A minimal T=0 answer to reset, unlike any Keycard's. */
const ATR = hexToBytes('3b021450');
const INS_NOT_SUPPORTED = Uint8Array.of(0x6d, 0x00);

export class UnknownCard {
  readonly atr = ATR.slice();
  /** Hex AIDs of the SELECTs received, in order. */
  readonly selected: string[] = [];

  constructor(private readonly selectStatus = 0x6a82) {}

  transmit(apdu: Uint8Array): Uint8Array {
    const isSelectByName = apdu.length >= 5 && apdu[1] === 0xa4 && apdu[2] === 0x04;
    if (!isSelectByName) return INS_NOT_SUPPORTED.slice();
    this.selected.push(bytesToHex(apdu.subarray(5, 5 + apdu[4]!)));
    return Uint8Array.of(this.selectStatus >> 8, this.selectStatus & 0xff);
  }
}

/** The card without pcscd, for unit tests. */
export function unknownCardChannel(card: UnknownCard, reader = 'Unknown card'): CardChannel {
  let closed = false;
  return {
    reader,
    atr: card.atr,
    get closed() {
      return closed;
    },
    async transmit(apdu) {
      if (closed) throw new LifeboatError('invalid-request', 'This card connection is closed.');
      return card.transmit(apdu);
    },
    async close() {
      closed = true;
    },
  };
}

/** Puts the card into a virtual reader behind pcscd; resolves to a function that removes it. */
export async function insertUnknownCard(
  card: UnknownCard,
  reader: VirtualReader,
): Promise<() => Promise<void>> {
  const vpcd = new VpcdCard({ atr: card.atr, handle: (apdu) => card.transmit(apdu) });
  await vpcd.insert(reader);
  return () => vpcd.remove();
}
