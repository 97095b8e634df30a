// CARD LABEL (0x3D), identical in both applets: P2=00 sets [size | label] (or clears it
// with no data), P2=01 reads it back. The size byte is stored as sent, so only a size above
// 64 or above the data length is refused.
import { OFFSET, arrayCopy, isoError, type ApduBuffer } from './javacard';
import { SW } from './status-words';

const MAX_CARD_LABEL_SIZE = 64;

export class CardLabel {
  private readonly label = new Uint8Array(MAX_CARD_LABEL_SIZE);
  private size = 0;

  get value(): Uint8Array {
    return this.label.slice(0, this.size);
  }

  /** The command past the applet's PIN check. */
  command(buffer: ApduBuffer): number {
    switch (buffer.s8(OFFSET.P2)) {
      case 0x00: {
        const bytesLeft = buffer.lc;
        if (bytesLeft > 0) {
          const labelSize = buffer.u8(OFFSET.CDATA);
          if (labelSize > bytesLeft) isoError(SW.INVALID_PARAMETER);
          if (labelSize > MAX_CARD_LABEL_SIZE) isoError(SW.INVALID_PARAMETER);
          this.size = labelSize;
          arrayCopy(buffer.bytes, OFFSET.CDATA + 1, this.label, 0, labelSize);
        } else {
          this.size = 0;
        }
        return 0;
      }
      case 0x01:
        buffer.setByte(0, this.size);
        buffer.write(1, this.label.subarray(0, this.size));
        return this.size + 1;
      default:
        return isoError(SW.INCORRECT_P2);
    }
  }

  clear(): void {
    this.size = 0;
    this.label.fill(0);
  }
}
