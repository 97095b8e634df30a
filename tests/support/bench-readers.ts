// The reader layer as the test bench and the demo use it: only the bench's own virtual
// readers. A real reader plugged in beside them, with a person's card in it, is neither
// listed, counted nor opened, so it never receives a test APDU.
import { PcscReaders, type PcscReadersOptions } from '../../main/cards/pcsc/pcsc-readers';
import { VPCD_READERS } from './vpcd-card';

export function isBenchReader(name: string): boolean {
  return Object.hasOwn(VPCD_READERS, name);
}

export function benchReaders(options: Omit<PcscReadersOptions, 'acceptReader'> = {}): PcscReaders {
  return new PcscReaders({ ...options, acceptReader: isBenchReader });
}
