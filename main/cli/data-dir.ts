import os from 'node:os';
import path from 'node:path';

/** Where the CLI keeps pairings and cases: --data-dir, else the XDG data home. */
export function dataDirOf(values: Record<string, unknown>): string {
  const given = values['data-dir'];
  if (typeof given === 'string') return path.resolve(given);
  const base = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'lifeboat');
}
