import type { SecretView } from '../../preload/api';
import { AddressWithIdenticon } from '../components/AddressWithIdenticon';
import { groupsOf } from '../format/address';
import { t } from '../i18n/t';

/** What was rebuilt: its fingerprint and first addresses — never the secret itself. */
export function SecretSummary({ secret }: { secret: SecretView }) {
  const [first, ...rest] = secret.addresses;
  return (
    <div className="stack secret-summary">
      <p>{t(secret.kind === 'slip39' ? 'secret.fromShares' : 'secret.fromPhrase')}</p>
      <dl className="facts">
        <dt>{t('secret.fingerprint')}</dt>
        <dd>
          <code className="hex grouped">{groupsOf(secret.keyUid, 4).join(' ')}</code>
        </dd>
      </dl>
      {first && (
        <>
          <h3>{t('secret.firstAddress')}</h3>
          <AddressWithIdenticon address={first} />
        </>
      )}
      {rest.length > 0 && (
        <>
          <h3>{t('secret.nextAddresses')}</h3>
          <ol className="address-list" start={2}>
            {rest.map((address) => (
              <li key={address}>
                <code>{address}</code>
              </li>
            ))}
          </ol>
        </>
      )}
      <p className="hint">{t('secret.compareHint')}</p>
    </div>
  );
}
