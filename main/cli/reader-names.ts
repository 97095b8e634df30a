// What the command line says when a reader is named that is not there: the readers that are.
import type { ReadersSnapshot } from '../cards/readers';
import { LifeboatError } from '../errors';

export function noSuchReader(wanted: string, snapshot: ReadersSnapshot): LifeboatError {
  const names = snapshot.readers.map((r) => `"${r.name}"`);
  const there =
    names.length === 0 ? 'No reader is connected.' : `The readers here: ${names.join(', ')}.`;
  return new LifeboatError('reader-not-found', `There is no reader named "${wanted}". ${there}`, {
    reader: wanted,
    readers: snapshot.readers.map((r) => r.name).join(', '),
  });
}
