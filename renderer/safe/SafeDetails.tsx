import type { SafeView } from '../../preload/api';
import { AddressWithIdenticon } from '../components/AddressWithIdenticon';
import { StepHeading } from '../components/StepHeading';
import { formatAmount } from '../format/amount';
import { t } from '../i18n/t';
import { sameSource, type Holder } from './holders';

interface SafeDetailsProps {
  safe: SafeView;
  /** The cards and wallets it was opened with, to say which owners are the person's. */
  holders: readonly Holder[];
}

/** A Safe as the chain reports it: owners (the person's named), threshold, nonce, balances. */
export function SafeDetails({ safe, holders }: SafeDetailsProps) {
  return (
    <section className="stack">
      <StepHeading>{t('safe.detailsTitle')}</StepHeading>
      <AddressWithIdenticon address={safe.address} networkIds={[safe.networkId]} />
      <p>
        {t('safe.thresholdOf', { threshold: safe.threshold, count: safe.owners.length })}{' '}
        {t('safe.nonce', { count: safe.nonce, version: safe.version })}
      </p>
      <table>
        <caption>{t('safe.ownersCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('safe.ownerColumn')}</th>
            <th scope="col">{t('safe.heldColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {safe.owners.map((owner) => {
            const held = owner.heldBy;
            const holder = held && holders.find((h) => sameSource(h.source, held));
            return (
              <tr key={owner.address}>
                <td className="mono">{owner.address}</td>
                <td>{holder ? t('safe.yours', { holder: holder.label }) : t('safe.notYours')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table>
        <caption>{t('safe.balancesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('safe.assetColumn')}</th>
            <th scope="col">{t('safe.amountColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {safe.balances.map((b) => (
            <tr key={b.asset}>
              <td>{b.symbol}</td>
              <td>{formatAmount(b.balance, b.decimals)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
