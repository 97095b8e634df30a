// The "blockies" identicon that wallets and block explorers draw for Ethereum addresses, so
// the picture beside the new card's address matches what the person may see elsewhere.
//
// Hand-written because no blockies package is installed and the algorithm is a few lines:
// an xorshift generator seeded from the lower-case address picks three colours, then a
// left half of cells that is mirrored to the right. The output is data (colours and a cell
// grid); the component turns it into SVG rectangles, which the strict CSP allows.

export interface Blockies {
  size: number;
  /** CSS hsl() colours. */
  background: string;
  color: string;
  spot: string;
  /** `size` rows of `size` cells: 0 background, 1 colour, 2 spot colour. */
  cells: number[][];
}

class Xorshift {
  private readonly state = new Int32Array(4);

  constructor(seed: string) {
    for (let i = 0; i < seed.length; i += 1) {
      const slot = i % 4;
      this.state[slot] = (this.state[slot]! << 5) - this.state[slot]! + seed.charCodeAt(i);
    }
  }

  next(): number {
    const s = this.state;
    const t = s[0]! ^ (s[0]! << 11);
    s[0] = s[1]!;
    s[1] = s[2]!;
    s[2] = s[3]!;
    s[3] = s[3]! ^ (s[3]! >> 19) ^ t ^ (t >> 8);
    return (s[3]! >>> 0) / 2 ** 31;
  }

  color(): string {
    const hue = Math.floor(this.next() * 360);
    const saturation = this.next() * 60 + 40;
    const lightness = (this.next() + this.next() + this.next() + this.next()) * 25;
    return `hsl(${hue}, ${saturation.toFixed(1)}%, ${lightness.toFixed(1)}%)`;
  }
}

export function blockies(address: string, size = 8): Blockies {
  const random = new Xorshift(address.toLowerCase());
  const color = random.color();
  const background = random.color();
  const spot = random.color();
  const half = Math.ceil(size / 2);
  const cells: number[][] = [];
  for (let y = 0; y < size; y += 1) {
    const left = Array.from({ length: half }, () => Math.floor(random.next() * 2.3));
    const mirrored = left.slice(0, size - half).reverse();
    cells.push([...left, ...mirrored]);
  }
  return { size, background, color, spot, cells };
}
