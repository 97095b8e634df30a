// Runs beside a hold of the bench that stopped the system's pcscd (started by bench.ts):
// node --import tsx bench-watchdog.ts HOLDER_PID LOCK_DIR MARKER_FILE
// It waits for the holder to end. If the holder gave the daemon back, there is nothing to
// do; if it was killed or crashed first, this takes over its stale lock, starts the units
// it owed, and lets the lock go.
import { acquireBenchLock, alive } from './bench-lock';
import { readMarker, restoreSystemPcscd } from './system-pcscd';

const POLL_MS = 250;

const [holderArg, lockDir, markerFile] = process.argv.slice(2);
const holder = Number.parseInt(holderArg ?? '', 10);
if (!holder || !lockDir || !markerFile) {
  process.stderr.write('usage: bench-watchdog.ts HOLDER_PID LOCK_DIR MARKER_FILE\n');
  process.exit(2);
}

// Ctrl-C, a closed terminal or a TERM to the whole process group are meant for the holder;
// this process stays to clean up after it.
for (const signal of ['SIGINT', 'SIGHUP', 'SIGTERM'] as const) process.on(signal, () => undefined);

const owedByHolder = () => readMarker(markerFile)?.holder === holder;

while (owedByHolder() && alive(holder)) {
  await new Promise((r) => setTimeout(r, POLL_MS));
}
if (owedByHolder()) {
  // A live new holder of the lock has taken the debt over (or will, before it stops
  // anything); only a free or stale lock means it is this process's to pay.
  const unlock = await acquireBenchLock('bench watchdog', { lockDir, timeoutMs: 0 }).catch(
    () => undefined,
  );
  if (unlock) {
    try {
      if (owedByHolder()) {
        restoreSystemPcscd({
          markerFile,
          log: (line) => process.stderr.write(`Lifeboat test bench: ${line}\n`),
        });
      }
    } finally {
      unlock();
    }
  }
}
process.exit(0);
