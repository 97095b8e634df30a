import { useId, useState, type FormEvent } from 'react';
import type { ApiError, LostOutcome, WalletRecord } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { StepHeading } from '../components/StepHeading';
import { t } from '../i18n/t';
import { FAMILY } from './SetInventory';

export type LostKind = 'card' | 'share';

interface LostCopyProps {
  wallet: WalletRecord;
  kind: LostKind;
  onMarked: (outcome: LostOutcome) => void;
  onCancel: () => void;
}

/** The copies of a kind still counted: the cards of the set, or the shares of the active set. */
export function lostChoices(wallet: WalletRecord, kind: LostKind): { id: string; text: string }[] {
  if (kind === 'card')
    return wallet.members
      .filter((m) => m.lostAt === undefined)
      .map((m) => ({
        id: m.memberId,
        text: t('lost.cardOption', {
          label: m.label,
          family: FAMILY[m.family],
          place: m.place || t('inventory.noPlace'),
        }),
      }));
  const set = wallet.shareSets.findLast((s) => s.retiredAt === undefined);
  if (!set) return [];
  return set.shares.flatMap((share, index) =>
    share.lostAt === undefined
      ? [
          {
            id: String(index),
            text: t('lost.shareOption', {
              number: index + 1,
              place: share.place || t('inventory.noPlace'),
            }),
          },
        ]
      : [],
  );
}

/**
 * Which card or share is lost, and for a card whether someone could open it without the
 * person; marking it lost is the only change, and Cancel leaves the wallet as it was.
 */
export function LostCopy({ wallet, kind, onMarked, onCancel }: LostCopyProps) {
  const id = useId();
  const choices = lostChoices(wallet, kind);
  const [chosen, setChosen] = useState<string | null>(null);
  const [couldBeOpened, setCouldBeOpened] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const ready = chosen !== null && (kind === 'share' || couldBeOpened !== null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!ready) return;
    const set = wallet.shareSets.findLast((s) => s.retiredAt === undefined);
    setBusy(true);
    setError(null);
    const result = await lifeboat().wallets.markLost({
      walletId: wallet.walletId,
      ...(kind === 'card'
        ? { memberId: chosen }
        : { share: { shareSetId: set!.shareSetId, index: Number(chosen) } }),
      couldBeOpened: couldBeOpened === true,
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onMarked(result.value);
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      <StepHeading>
        {t(kind === 'card' ? 'lost.cardTitle' : 'lost.shareTitle', { label: wallet.label })}
      </StepHeading>
      <ErrorNotice error={error} />
      <fieldset className="stack-tight">
        <legend>{t(kind === 'card' ? 'lost.card' : 'lost.share')}</legend>
        {choices.map((choice) => (
          <div key={choice.id} className="checkbox">
            <input
              id={`${id}-${choice.id}`}
              type="radio"
              name="lost"
              checked={chosen === choice.id}
              onChange={() => setChosen(choice.id)}
            />
            <label htmlFor={`${id}-${choice.id}`}>{choice.text}</label>
          </div>
        ))}
      </fieldset>
      {kind === 'card' && (
        <fieldset className="stack-tight">
          <legend>{t('lost.openedTitle')}</legend>
          {([false, true] as const).map((answer) => (
            <div key={String(answer)} className="checkbox">
              <input
                id={`${id}-opened-${answer}`}
                type="radio"
                name="opened"
                checked={couldBeOpened === answer}
                onChange={() => setCouldBeOpened(answer)}
              />
              <label htmlFor={`${id}-opened-${answer}`}>
                {t(answer ? 'lost.openedYes' : 'lost.openedNo')}
              </label>
            </div>
          ))}
        </fieldset>
      )}
      <p className="hint">{t('lost.forGood')}</p>
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="danger" disabled={!ready || busy}>
          {t('lost.confirm')}
        </button>
      </div>
    </form>
  );
}
