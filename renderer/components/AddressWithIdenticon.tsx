import { AddressGroups } from './AddressGroups';
import { Identicon } from './Identicon';

export function AddressWithIdenticon({ address }: { address: string }) {
  return (
    <div className="address-with-identicon">
      <Identicon address={address} />
      <AddressGroups address={address} />
    </div>
  );
}
