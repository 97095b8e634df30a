// Runs one command while holding the PC/SC test bench, e.g. to work by hand on the virtual
// readers without colliding with someone's test run:
//   npx tsx tests/support/hold-bench.ts -- bash .ci/run
// The command and everything it starts share the hold (the lock is re-entrant for them).
// While it runs, systemd's pcscd is stopped; it is started again when the command ends,
// also after Ctrl-C, a TERM, or this process being killed (see bench.ts).
import { spawn } from 'node:child_process';
import os from 'node:os';
import { holdBench } from './bench';

const separator = process.argv.indexOf('--');
const [command, ...args] = separator < 0 ? [] : process.argv.slice(separator + 1);
if (command === undefined) {
  process.stderr.write('usage: npx tsx tests/support/hold-bench.ts -- COMMAND [ARGS…]\n');
  process.exit(2);
}

const release = await holdBench('hold-bench');
process.stderr.write(
  `hold-bench: holding the PC/SC test bench for: ${[command, ...args].join(' ')}\n`,
);
const child = spawn(command, args, { stdio: 'inherit' });
// Ctrl-C reaches the whole foreground process group, the command included; this process
// only waits for the command to end, then gives the bench back.
process.on('SIGINT', () => undefined);
for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => child.kill(signal));
}
const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
  (resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`hold-bench: ${error.message}\n`);
      resolve({ code: 127, signal: null });
    });
    child.once('exit', (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal }));
  },
);
release();
process.exit(code ?? 128 + (signal ? os.constants.signals[signal] : 0));
