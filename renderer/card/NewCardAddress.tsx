import { AddressWithIdenticon } from '../components/AddressWithIdenticon';
import { t } from '../i18n/t';

/**
 * The new card's first address, drawn and grouped so it can be compared: with the sweep's
 * review (the destination) or with the rebuilt wallet (after a load).
 */
export function NewCardAddress({ address, loaded }: { address: string; loaded: boolean }) {
  return (
    <div className="new-card-address">
      <p>{t(loaded ? 'newCard.loadedIntro' : 'newCard.sweepIntro')}</p>
      <AddressWithIdenticon address={address} />
      <p className="hint">{t(loaded ? 'newCard.loadedHint' : 'newCard.sweepHint')}</p>
    </div>
  );
}
