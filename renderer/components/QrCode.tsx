import encodeQR from 'qr';
import { t } from '../i18n/t';

/**
 * A QR code of an address, drawn as SVG cells (no inline styles, nothing fetched). Dark on
 * light in both themes, with a quiet zone, as scanners expect.
 */
export function QrCode({ value, label }: { value: string; label: string }) {
  const cells = encodeQR(value, 'raw', { ecc: 'medium', border: 4 });
  const size = cells.length;
  const path = cells
    .flatMap((row, y) => row.map((dark, x) => (dark ? `M${x} ${y}h1v1h-1z` : '')))
    .join('');
  return (
    <figure className="qr">
      <svg
        viewBox={`0 0 ${size} ${size}`}
        role="img"
        aria-label={t('qr.label', { what: label })}
        shapeRendering="crispEdges"
      >
        <rect width={size} height={size} className="qr-light" />
        <path d={path} className="qr-dark" />
      </svg>
      <figcaption className="hex">{value}</figcaption>
    </figure>
  );
}
