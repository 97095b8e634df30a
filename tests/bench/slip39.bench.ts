// SLIP-39 recovery cost against its floor: a combine is four PBKDF2 rounds of 2500·2^e
// iterations, so it cannot beat one native PBKDF2 call of 10000·2^e iterations. Target:
// combine / native ≤ 1.05. The noble column is the pure-JS PBKDF2 the module falls back to,
// which is why the native one is used where it exists.
import crypto from 'node:crypto';
import { noblePbkdf2 } from '../../main/secrets/pbkdf2';
import { combine, split } from '../../main/secrets/slip39';

export const title = 'SLIP-39 combine time beside native PBKDF2 (ms, median)';

const SECRET = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
const PASSWORD = new TextEncoder().encode('\x03TREZOR');
const SALT = new Uint8Array(16).fill(7);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function run(): Promise<void> {
  console.log('  e  iterations  combine  native  ratio  noble');
  for (const e of [0, 1, 2, 3]) {
    const iterations = 10_000 << e;
    const [group] = await split(SECRET, {
      groupThreshold: 1,
      groups: [{ threshold: 2, count: 3 }],
      passphrase: 'TREZOR',
      iterationExponent: e,
    });
    const shares = group!.slice(0, 2);
    const runs = e < 2 ? 101 : 31;
    const combined: number[] = [];
    const native: number[] = [];
    // Interleaved, after a warm-up, so that load from elsewhere hits both columns alike.
    for (let i = 0; i < runs + 3; i++) {
      const c = await time(() => combine(shares, 'TREZOR'));
      const n = await time(() => crypto.pbkdf2Sync(PASSWORD, SALT, iterations, 16, 'sha256'));
      if (i >= 3) {
        combined.push(c);
        native.push(n);
      }
    }
    const nobleRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      nobleRuns.push(
        await time(async () => {
          for (let round = 0; round < 4; round++)
            await noblePbkdf2(PASSWORD, SALT, iterations / 4, 8);
        }),
      );
    }
    const noble = median(nobleRuns);
    const c = median(combined);
    const n = median(native);
    console.log(
      `  ${e}  ${String(iterations).padStart(10)}  ${c.toFixed(2).padStart(7)}  ${n.toFixed(2).padStart(6)}  ${(c / n).toFixed(3)}  ${noble.toFixed(1).padStart(5)}`,
    );
  }
}
