// Links to a network's block explorer, built in main from the explorer the person's settings
// name: only an https explorer, only an address or a transaction hash, and only a link that
// stays on the explorer's origin. The console asks for a link by intent and never navigates.
import { getAddress } from 'ethers';
import { LifeboatError } from '../errors';
import type { Network } from './networks';

export type ExplorerKind = 'address' | 'tx';

export function explorerLink(
  network: Pick<Network, 'id' | 'explorer'>,
  kind: ExplorerKind,
  value: string,
): string {
  let base: URL;
  try {
    base = new URL(network.explorer ?? '');
  } catch {
    throw new LifeboatError('explorer-not-configured', undefined, { network: network.id });
  }
  if (base.protocol !== 'https:' || base.username !== '' || base.password !== '') {
    throw new LifeboatError('explorer-not-configured', undefined, { network: network.id });
  }
  const item = kind === 'address' ? checkedAddress(value) : checkedHash(value);
  const link = new URL(`${base.pathname.replace(/\/+$/, '')}/${kind}/${item}`, base.origin);
  if (link.origin !== base.origin) {
    throw new LifeboatError('explorer-not-configured', undefined, { network: network.id });
  }
  return link.href;
}

function checkedAddress(value: string): string {
  try {
    return getAddress(value);
  } catch {
    throw new LifeboatError('invalid-address', undefined, { field: 'value' });
  }
}

function checkedHash(value: string): string {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new LifeboatError('invalid-input', 'That is not a transaction hash.', { field: 'value' });
  }
  return value.toLowerCase();
}
