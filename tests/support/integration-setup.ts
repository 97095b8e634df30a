import { holdBench } from './bench';
import { foreignPcscdNotice, pcscdBinary } from './pcscd';

let release: (() => void) | undefined;

export async function setup(): Promise<void> {
  // Fail at once, and in words, when the Debian packages the bench needs are missing.
  pcscdBinary();
  release = await holdBench('integration tests');
  try {
    const notice = await foreignPcscdNotice();
    if (notice) process.stderr.write(`integration tests: ${notice}\n`);
  } catch (error) {
    teardown();
    throw error;
  }
}

export function teardown(): void {
  release?.();
  release = undefined;
}
