import { useEffect, useEffectEvent, useState } from 'react';
import type { CardSessionView, Result, WalletRecord } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { useApp } from '../app/AppContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { DiscoveryProgressView } from '../discovery/DiscoveryProgressView';
import { HoldingsSummary } from '../discovery/HoldingsSummary';
import { scannedParams } from '../discovery/scanned-words';
import { useWalletHistory } from '../discovery/useDiscovery';
import { groupsOf } from '../format/address';
import { t } from '../i18n/t';

interface CardHoldingsProps {
  session: CardSessionView;
  /** The search is over, answered or failed. Not called for a card without a wallet. */
  onSettled: () => void;
}

/**
 * What a reset would erase, said before the person types the confirmation: the wallet's
 * fingerprint and name, and, when the card is unlocked, the funds found on its accounts.
 */
export function CardHoldings({ session, onSettled }: CardHoldingsProps) {
  const { settings } = useApp();
  const history = useWalletHistory();
  const [remembered, setRemembered] = useState<WalletRecord | null>(null);
  const keyUid = session.info.keyUid;
  const searchable = keyUid !== undefined && session.unlocked;

  const look = useEffectEvent(async (wallets: Result<WalletRecord[]>) => {
    if (wallets.ok) setRemembered(wallets.value.find((w) => w.keyUid === keyUid) ?? null);
    if (searchable) await history.run({ kind: 'card', sessionId: session.sessionId });
    onSettled();
  });
  useEffect(() => {
    if (keyUid !== undefined) void lifeboat().drills.list().then(look);
  }, [keyUid]);

  if (keyUid === undefined) return null;
  const answer = history.value;
  return (
    <div className="stack card-holdings">
      <dl className="facts">
        <dt>{t('card.fingerprint')}</dt>
        <dd>
          <code className="hex grouped">{groupsOf(keyUid, 4).join(' ')}</code>
        </dd>
      </dl>
      {remembered && <p>{t('reset.remembered', { label: remembered.label })}</p>}
      {!searchable && <p className="notice notice-warning">{t('reset.locked')}</p>}
      {history.busy && (
        <>
          <StatusLine>{t('reset.searching')}</StatusLine>
          <DiscoveryProgressView rows={history.rows} />
        </>
      )}
      <ErrorNotice error={history.error} />
      {history.error && <p>{t('reset.searchFailed')}</p>}
      {answer?.used && (
        <div className="notice notice-error">
          <p className="notice-title">{t('reset.holdsFunds')}</p>
          <HoldingsSummary discovery={answer.discovery} />
          <p>{t('reset.moveFirst')}</p>
        </div>
      )}
      {answer && !answer.used && (
        <StatusLine>
          {t('reset.empty', scannedParams(answer.discovery.scanned, settings))}
        </StatusLine>
      )}
    </div>
  );
}
