import { AddressActions } from './AddressActions';
import { AddressGroups } from './AddressGroups';
import { Identicon } from './Identicon';

/** An address drawn and grouped for comparison, with copy, QR code and explorer links. */
export function AddressWithIdenticon({
  address,
  networkIds,
}: {
  address: string;
  /** The networks whose explorer can show this address. */
  networkIds?: readonly string[];
}) {
  return (
    <div>
      <div className="address-with-identicon">
        <Identicon address={address} />
        <AddressGroups address={address} />
      </div>
      <AddressActions address={address} {...(networkIds ? { networkIds } : {})} />
    </div>
  );
}
