import type { WalletRecord } from '../../preload/api';
import { shortAddress } from '../format/address';
import { formatDateTime } from '../format/dates';
import { t } from '../i18n/t';
import { lastResult } from './drill-words';
import { lostChoices, type LostKind } from './LostCopy';
import { SetInventory } from './SetInventory';

interface WalletListProps {
  wallets: readonly WalletRecord[];
  onCheck: (wallet: WalletRecord) => void;
  onForget: (wallet: WalletRecord) => void;
  onLost: (wallet: WalletRecord, kind: LostKind) => void;
  onRepair: (wallet: WalletRecord) => void;
}

/**
 * A card of the set was lost and a new one can be written from what is written down (main
 * checks again that it opens the wallet).
 */
function canMakeCard(wallet: WalletRecord): boolean {
  const written =
    (wallet.phrase !== undefined && wallet.phrase.lostAt === undefined) ||
    wallet.shareSets.some((set) => set.retiredAt === undefined);
  return written && wallet.members.some((m) => m.lostAt !== undefined);
}

/** The remembered wallets with the date and outcome of their last drill. */
export function WalletList({ wallets, onCheck, onForget, onLost, onRepair }: WalletListProps) {
  if (wallets.length === 0) return <p>{t('drills.none')}</p>;
  return (
    <ul className="wallet-list">
      {wallets.map((wallet) => {
        const last = lastResult(wallet.results);
        return (
          <li key={wallet.walletId} className="wallet">
            <h3>{wallet.label}</h3>
            <p>
              {t('drills.firstAddress')} <code>{shortAddress(wallet.firstAddress)}</code>
            </p>
            {/* A wallet still being made says so (SetInventory) rather than "check it now". */}
            {(last || wallet.state !== 'making') && (
              <p className={last ? (last.passed ? 'tone-good' : 'tone-bad') : undefined}>
                {last
                  ? t(last.passed ? 'drills.lastPassed' : 'drills.lastFailed', {
                      date: formatDateTime(last.at),
                    })
                  : t('drills.never')}
              </p>
            )}
            <SetInventory wallet={wallet} />
            <div className="actions">
              <button
                type="button"
                className="primary"
                onClick={() => onCheck(wallet)}
                aria-label={t('drills.checkNamed', { label: wallet.label })}
              >
                {t('drills.check')}
              </button>
              <button
                type="button"
                onClick={() => onForget(wallet)}
                aria-label={t('drills.forgetNamed', { label: wallet.label })}
              >
                {t('drills.forget')}
              </button>
              {wallet.state === 'ready' && lostChoices(wallet, 'card').length > 0 && (
                <button
                  type="button"
                  onClick={() => onLost(wallet, 'card')}
                  aria-label={t('lost.cardNamed', { label: wallet.label })}
                >
                  {t('lost.card')}
                </button>
              )}
              {wallet.state === 'ready' && canMakeCard(wallet) && (
                <button
                  type="button"
                  onClick={() => onRepair(wallet)}
                  aria-label={t('lost.repairNamed', { label: wallet.label })}
                >
                  {t('lost.repair')}
                </button>
              )}
              {wallet.state === 'ready' && lostChoices(wallet, 'share').length > 0 && (
                <button
                  type="button"
                  onClick={() => onLost(wallet, 'share')}
                  aria-label={t('lost.shareNamed', { label: wallet.label })}
                >
                  {t('lost.share')}
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
