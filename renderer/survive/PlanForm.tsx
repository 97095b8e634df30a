import { useId, useState, type FormEvent } from 'react';
import type { WalletPlan } from '../../preload/api';
import { t, type MessageKey } from '../i18n/t';

/** Typed by the person to accept a wallet with one copy; main checks the same words. */
const ONE_COPY = 'ONE COPY';

const WRITTEN: Record<WrittenCopy, MessageKey> = {
  none: 'survive.written.none',
  phrase: 'survive.written.phrase',
  shares: 'survive.written.shares',
};

type WrittenCopy = 'shares' | 'phrase' | 'none';

interface PlanFormProps {
  /** 1 where the first card of the set is already in hand. */
  minCards: number;
  onPlan: (plan: WalletPlan) => void;
}

/** How many cards hold the new wallet, and how it is written down besides. */
export function PlanForm({ minCards, onPlan }: PlanFormProps) {
  const id = useId();
  const [label, setLabel] = useState('');
  const [cards, setCards] = useState(2);
  const [written, setWritten] = useState<WrittenCopy>('none');
  const [threshold, setThreshold] = useState(2);
  const [count, setCount] = useState(3);
  const [onCards, setOnCards] = useState(0);
  const [words, setWords] = useState<12 | 24>(24);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  /** A change of plan answers the last objection; the next submit checks again. */
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setProblem(null);
      set(value);
    };

  const sharesWrong = written === 'shares' && (threshold < 1 || threshold > count || count > 16);
  const shareCount = threshold === 1 ? 1 : count;
  // Shares with one to spare survive the loss of a share, as two copies do (main's copiesOf).
  const writtenCopies =
    written === 'none' ? 0 : written === 'shares' && shareCount > threshold ? 2 : 1;
  const copies = cards + writtenCopies;
  const single = copies < 2;
  const shareCardsWrong =
    written === 'shares' && (!Number.isInteger(onCards) || onCards < 0 || onCards > shareCount);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (label.trim() === '') return setProblem(t('survive.planNameMissing'));
    if (copies === 0) return setProblem(t('survive.planNothing'));
    if (sharesWrong) return setProblem(t('survive.planSharesWrong'));
    if (shareCardsWrong) return setProblem(t('survive.planShareCardsWrong', { count: shareCount }));
    if (single && typed.trim() !== ONE_COPY) return setProblem(t('survive.planSingleMissing'));
    setProblem(null);
    onPlan({
      label: label.trim(),
      cards,
      ...(written === 'shares'
        ? {
            shares: {
              groupThreshold: 1,
              groups: [{ threshold, count: shareCount }],
              onCards,
            },
          }
        : {}),
      ...(written === 'phrase' ? { phrase: { words } } : {}),
      ...(single ? { singleCopy: typed.trim() } : {}),
    });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="stack-tight">
        <label htmlFor={`${id}-label`}>{t('survive.planName')}</label>
        <input
          id={`${id}-label`}
          value={label}
          maxLength={100}
          autoComplete="off"
          onChange={(e) => edit(setLabel)(e.target.value)}
        />
      </div>
      <div className="stack-tight">
        <label htmlFor={`${id}-cards`}>{t('survive.planCards')}</label>
        <select
          id={`${id}-cards`}
          value={cards}
          onChange={(e) => edit(setCards)(Number(e.target.value))}
        >
          {[0, 1, 2, 3]
            .filter((n) => n >= minCards)
            .map((n) => (
              <option key={n} value={n}>
                {t('survive.planCardCount', { count: n })}
              </option>
            ))}
        </select>
        <p className="hint">{t('survive.planCardsHint')}</p>
      </div>
      <fieldset className="stack-tight">
        <legend>{t('survive.planWritten')}</legend>
        {(['none', 'phrase', 'shares'] as const).map((choice) => (
          <div key={choice} className="checkbox">
            <input
              id={`${id}-${choice}`}
              type="radio"
              name="written"
              checked={written === choice}
              onChange={() => edit(setWritten)(choice)}
            />
            <label htmlFor={`${id}-${choice}`}>{t(WRITTEN[choice])}</label>
          </div>
        ))}
      </fieldset>
      {written === 'phrase' && (
        <div className="stack-tight">
          <label htmlFor={`${id}-words`}>{t('survive.planWords')}</label>
          <select
            id={`${id}-words`}
            value={words}
            onChange={(e) => setWords(e.target.value === '12' ? 12 : 24)}
          >
            <option value={24}>24</option>
            <option value={12}>12</option>
          </select>
        </div>
      )}
      {written === 'shares' && (
        <div className="stack-tight">
          <label htmlFor={`${id}-count`}>{t('survive.planShareCount')}</label>
          <input
            id={`${id}-count`}
            type="number"
            min={1}
            max={16}
            value={count}
            onChange={(e) => edit(setCount)(Number(e.target.value))}
          />
          <label htmlFor={`${id}-threshold`}>{t('survive.planShareThreshold')}</label>
          <input
            id={`${id}-threshold`}
            type="number"
            min={1}
            max={16}
            value={threshold}
            onChange={(e) => edit(setThreshold)(Number(e.target.value))}
          />
          <label htmlFor={`${id}-on-cards`}>{t('survive.planShareCards')}</label>
          <input
            id={`${id}-on-cards`}
            type="number"
            min={0}
            max={16}
            value={onCards}
            onChange={(e) => edit(setOnCards)(Number(e.target.value))}
          />
          <p className="hint">{t('survive.planShareCardsHint')}</p>
        </div>
      )}
      {single && copies > 0 && (
        <div className="notice notice-warning stack-tight">
          <p className="notice-title">{t('survive.singleTitle')}</p>
          <p>{t('survive.singleText')}</p>
          <label htmlFor={`${id}-one`}>{t('survive.singleType', { words: ONE_COPY })}</label>
          <input
            id={`${id}-one`}
            value={typed}
            autoComplete="off"
            onChange={(e) => edit(setTyped)(e.target.value)}
          />
        </div>
      )}
      {problem && (
        <p className="status status-bad" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          {t('survive.planGo')}
        </button>
      </div>
    </form>
  );
}
