import { useId, useState, type FormEvent } from 'react';
import type {
  ApiError,
  CardSessionView,
  SecretView,
  WalletDraftView,
  WalletRecord,
} from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { StepHeading } from '../components/StepHeading';
import { t } from '../i18n/t';
import { WalletMaker } from '../survive/WalletMaker';

interface LoadSetProps {
  /** The rebuilt wallet that goes onto the set. */
  secret: SecretView;
  /** The unlocked, empty card in hand: the first card of the set. */
  firstCard: CardSessionView;
  onReady: (wallet: WalletRecord) => void;
  onStopped: () => void;
}

/**
 * A rebuilt wallet put onto a set of 2 or 3 cards, each tested, rather than onto one card:
 * the wallet is remembered (if it is not yet) so that its set is listed in the backups, and
 * the survive flow's card steps and test recovery make the copies.
 */
export function LoadSet({ secret, firstCard, onReady, onStopped }: LoadSetProps) {
  const id = useId();
  const [label, setLabel] = useState('');
  const [cards, setCards] = useState(2);
  const [draft, setDraft] = useState<WalletDraftView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const api = lifeboat();

  const walletId = async (): Promise<string | ApiError> => {
    const list = await api.drills.list();
    if (!list.ok) return list.error;
    const known = list.value.find((w) => w.keyUid === secret.keyUid);
    if (known) return known.walletId;
    const remembered = await api.drills.remember({
      label: label.trim(),
      source: { kind: 'secret', secretId: secret.secretId },
    });
    return remembered.ok ? remembered.value.walletId : remembered.error;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const id = await walletId();
    const result =
      typeof id === 'string'
        ? await api.wallets.repair({ walletId: id, secretId: secret.secretId, cards })
        : { ok: false as const, error: id };
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setDraft(result.value);
  };

  if (draft)
    return (
      <WalletMaker
        repair={draft}
        firstCard={firstCard}
        stopLabel={t('loadSet.stop')}
        onReady={onReady}
        onStopped={onStopped}
      />
    );
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      <StepHeading>{t('loadSet.title')}</StepHeading>
      <ErrorNotice error={error} />
      <div className="stack-tight">
        <label htmlFor={`${id}-label`}>{t('survive.planName')}</label>
        <input
          id={`${id}-label`}
          value={label}
          maxLength={100}
          autoComplete="off"
          onChange={(e) => setLabel(e.target.value)}
        />
        <p className="hint">{t('loadSet.nameHint')}</p>
      </div>
      <div className="stack-tight">
        <label htmlFor={`${id}-cards`}>{t('survive.planCards')}</label>
        <select id={`${id}-cards`} value={cards} onChange={(e) => setCards(Number(e.target.value))}>
          {[2, 3].map((n) => (
            <option key={n} value={n}>
              {t('survive.planCardCount', { count: n })}
            </option>
          ))}
        </select>
        <p className="hint">{t('survive.planCardsHint')}</p>
      </div>
      <div className="actions">
        <button type="button" disabled={busy} onClick={onStopped}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy || label.trim() === ''}>
          {t('loadSet.go')}
        </button>
      </div>
    </form>
  );
}
