import { AddressWithIdenticon } from '../components/AddressWithIdenticon';
import { t } from '../i18n/t';

/** The new card's receiving address, drawn and grouped so it can be compared later. */
export function NewCardAddress({ address }: { address: string }) {
  return (
    <div className="new-card-address">
      <p>{t('newCard.addressIntro')}</p>
      <AddressWithIdenticon address={address} />
      <p className="hint">{t('newCard.addressHint')}</p>
    </div>
  );
}
