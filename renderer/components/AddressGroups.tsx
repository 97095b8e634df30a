import { addressGroups } from '../format/address';

/** The checksum address in groups of four, for comparing by eye; read out whole. */
export function AddressGroups({ address }: { address: string }) {
  const groups = addressGroups(address);
  return (
    <code className="address-groups" aria-label={groups.join('').replace(/^0x/, '0x ')}>
      {groups.map((group, index) => (
        <span key={index} className="address-group" aria-hidden="true">
          {group}
        </span>
      ))}
    </code>
  );
}
