// The QR code of an address, as the console draws it, read back by a QR decoder: the drawn
// cells (not just the library's matrix) must scan as the address.
import decodeQR from 'qr/decode.js';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { QrCode } from '../../../renderer/components/QrCode';

const ADDRESS = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';

/** Paints the SVG's path (unit squares "Mx yh1v1h-1z") into an RGBA image, `scale` px a cell. */
function paint(html: string, scale: number) {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(html)![1]);
  const d = /<path d="([^"]*)"/.exec(html)![1]!;
  const width = size * scale;
  const data = new Uint8Array(width * width * 4).fill(255);
  for (const [, x, y] of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const at = ((Number(y) * scale + dy) * width + Number(x) * scale + dx) * 4;
        data.fill(0, at, at + 3);
      }
    }
  }
  return { width, height: width, data };
}

describe('QrCode', () => {
  it('scans as the address, with a label for screen readers and no inline style', () => {
    const html = renderToStaticMarkup(<QrCode value={ADDRESS} label={ADDRESS} />);
    expect(decodeQR(paint(html, 4))).toBe(ADDRESS);
    expect(html).toContain(`aria-label="QR code of ${ADDRESS}"`);
    expect(html).not.toContain('style=');
  });
});
