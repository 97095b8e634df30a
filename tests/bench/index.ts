// `npm run bench`: runs every tests/bench/*.bench.ts in turn (or those named on the command
// line) and prints their figures. Targets live here, never in timed tests.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Bench {
  title: string;
  run(): Promise<void>;
}

const dir = path.dirname(new URL(import.meta.url).pathname);
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

for (const file of files) {
  const bench = (await import(pathToFileURL(path.join(dir, file)).href)) as Bench;
  console.log(`\n== ${bench.title} (${file})`);
  await bench.run();
}
