import type { DrillResult, ShareRecord, WalletRecord } from '../../preload/api';
import { formatDateTime } from '../format/dates';
import { t } from '../i18n/t';

export const FAMILY = {
  keycard: 'Keycard',
  satochip: 'Satochip',
  seedkeeper: 'Seedkeeper',
} as const;

function lastDrill(
  wallet: WalletRecord,
  match: (result: DrillResult) => boolean,
): DrillResult | undefined {
  return wallet.results.findLast(match);
}

function drillText(result: DrillResult | undefined): string {
  if (!result) return t('inventory.neverDrilled');
  return t(result.passed ? 'inventory.drillPassed' : 'inventory.drillFailed', {
    date: formatDateTime(result.at),
  });
}

/** Where a share is: written down somewhere, or on a backup card of the person's naming. */
function sharePlace(share: ShareRecord): string {
  const place = share.place || t('inventory.noPlace');
  return share.card
    ? t('inventory.shareOnCard', {
        label: share.label,
        family: FAMILY[share.card.family],
        place,
      })
    : place;
}

/**
 * Where the copies of a wallet are: the cards of its set, its shares and its phrase, with
 * the last drill of each. Labels and places only, in the person's own words.
 */
export function SetInventory({ wallet }: { wallet: WalletRecord }) {
  const shares = wallet.shareSets.findLast((set) => set.retiredAt === undefined);
  const hasCopies = wallet.members.length > 0 || shares !== undefined || wallet.phrase;
  return (
    <>
      {wallet.state === 'making' && (
        <p className="notice notice-warning">{t('inventory.making')}</p>
      )}
      {hasCopies && (
        <ul className="inventory">
          {wallet.members.map((member) => (
            <li key={member.memberId}>
              {t(member.lostAt ? 'inventory.cardLost' : 'inventory.card', {
                label: member.label,
                family: FAMILY[member.family],
                place: member.place || t('inventory.noPlace'),
              })}{' '}
              {!member.lostAt &&
                drillText(lastDrill(wallet, (r) => r.memberId === member.memberId))}
            </li>
          ))}
          {shares && (
            <li>
              {t('inventory.shares', {
                threshold: shares.groups[0]?.threshold ?? 1,
                count: shares.groups.reduce((sum, group) => sum + group.count, 0),
                places:
                  shares.shares
                    .filter((share) => !share.lostAt)
                    .map(sharePlace)
                    .join('; ') || t('inventory.noPlace'),
              })}{' '}
              {drillText(lastDrill(wallet, (r) => r.shareSetId === shares.shareSetId))}
            </li>
          )}
          {wallet.phrase && !wallet.phrase.lostAt && (
            <li>
              {t('inventory.phrase', {
                count: wallet.phrase.words,
                place: wallet.phrase.place || t('inventory.noPlace'),
              })}
            </li>
          )}
        </ul>
      )}
    </>
  );
}
