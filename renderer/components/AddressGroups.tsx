import { addressGroups } from '../format/address';

/**
 * The checksum address in groups of four, for comparing by eye. Screen readers get the
 * address whole (the groups are hidden from them), as one would read it out.
 */
export function AddressGroups({ address }: { address: string }) {
  const groups = addressGroups(address);
  return (
    <code className="address-groups">
      <span className="visually-hidden">{groups.join('')}</span>
      {groups.map((group, index) => (
        <span key={index} className="address-group" aria-hidden="true">
          {group}
        </span>
      ))}
    </code>
  );
}
