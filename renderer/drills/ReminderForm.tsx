import { useId, useState, type FormEvent } from 'react';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { saveFile } from '../components/save-file';
import { StatusLine } from '../components/StatusLine';
import { monthsLater } from '../format/dates';
import { useAction } from '../hooks/useAction';
import { t } from '../i18n/t';

/** Six months is a common drill interval; the person can pick any date. */
const DEFAULT_INTERVAL_MONTHS = 6;

/** Saves a calendar (.ics) reminder for the next drill. */
export function ReminderForm({ walletId }: { walletId: string }) {
  const id = useId();
  const [date, setDate] = useState(() => monthsLater(new Date(), DEFAULT_INTERVAL_MONTHS));
  const [saved, setSaved] = useState('');
  const reminder = useAction(lifeboat().drills.reminder);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await reminder.run({ walletId, date });
    if (!result.ok) return;
    saveFile(result.value.filename, result.value.ics, 'text/calendar');
    setSaved(t('reminder.saved', { file: result.value.filename }));
  };

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-date`}>{t('reminder.date')}</label>
      <input
        id={`${id}-date`}
        type="date"
        value={date}
        onChange={(e) => setDate(e.target.value)}
        required
      />
      <button type="submit" disabled={reminder.busy}>
        {t('reminder.save')}
      </button>
      <StatusLine>{saved}</StatusLine>
      <ErrorNotice error={reminder.error} />
    </form>
  );
}
