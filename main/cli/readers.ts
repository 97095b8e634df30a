import { parseArgs } from 'node:util';
import { PcscReaders } from '../cards/pcsc/pcsc-readers';
import type { ReadersSnapshot } from '../cards/readers';
import type { CliIo } from './io';
import { EXIT, printError, printResult } from './output';

export const readersUsage = `lifeboat readers [--json] [--watch]
  Lists the card readers and what is in them. --watch keeps printing changes until Ctrl-C.`;

/** Waits for the first reader list after the service answered, so the listing is complete. */
const SETTLE_MS = 300;

export async function runReaders(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const json = values.json;
  const readers = new PcscReaders({ role: 'command' });
  try {
    await readers.start();
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const show = (snapshot: ReadersSnapshot) =>
      printResult(io, json, snapshot, () => describe(snapshot));
    show(readers.snapshot());
    if (!values.watch) return EXIT.ok;
    readers.onChange(show);
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    return EXIT.ok;
  } catch (error) {
    return printError(io, json, error);
  } finally {
    await readers.stop();
  }
}

function describe(snapshot: ReadersSnapshot): string {
  if (snapshot.state === 'no-service') return 'The smart-card service (pcscd) is not running.';
  if (snapshot.state === 'no-reader') return 'No card reader is connected.';
  return snapshot.readers
    .map((r) => {
      const what = {
        'waiting-for-card': 'no card',
        'card-present': `card present (ATR ${r.atr})`,
        connected: `card in use (ATR ${r.atr})`,
        error: `error: ${r.error}`,
      }[r.state];
      return `${r.name}: ${what}`;
    })
    .join('\n');
}
