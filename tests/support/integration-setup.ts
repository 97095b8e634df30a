import { acquireBenchLock } from './bench-lock';
import { pcscdBinary } from './pcscd';

let release: (() => void) | undefined;

export async function setup(): Promise<void> {
  // Fail at once, and in words, when the Debian packages the bench needs are missing.
  pcscdBinary();
  release = await acquireBenchLock('integration tests');
}

export function teardown(): void {
  release?.();
}
