import { blockies } from '../identicon/blockies';

const CELL = 8;

/** The address's blockies picture; decorative, the address text beside it is what counts. */
export function Identicon({ address }: { address: string }) {
  const { size, background, color, spot, cells } = blockies(address);
  const side = size * CELL;
  return (
    <svg
      className="identicon"
      viewBox={`0 0 ${side} ${side}`}
      width={side}
      height={side}
      aria-hidden="true"
      focusable="false"
    >
      <rect width={side} height={side} fill={background} />
      {cells.flatMap((row, y) =>
        row.map((cell, x) =>
          cell === 0 ? null : (
            <rect
              key={`${x}-${y}`}
              x={x * CELL}
              y={y * CELL}
              width={CELL}
              height={CELL}
              fill={cell === 1 ? color : spot}
            />
          ),
        ),
      )}
    </svg>
  );
}
