import { useId, type FormEvent } from 'react';
import { StatusLine } from '../components/StatusLine';
import { t } from '../i18n/t';

interface CardPlaceFormProps {
  intro: string;
  defaultLabel: string;
  submitLabel: string;
  busy: boolean;
  onSubmit: (where: { label: string; place: string }) => void;
  onAnother: () => void;
}

/**
 * The name a card gets and where it will be kept, asked before a copy is written onto it: a
 * card of the set or the backup card of a share. Words for the inventory, never a secret.
 */
export function CardPlaceForm(props: CardPlaceFormProps) {
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    props.onSubmit({
      label: String(data.get('label') ?? ''),
      place: String(data.get('place') ?? ''),
    });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p>{props.intro}</p>
      <label htmlFor={`${id}-label`}>{t('survive.cardLabel')}</label>
      <input
        id={`${id}-label`}
        name="label"
        maxLength={100}
        autoComplete="off"
        defaultValue={props.defaultLabel}
      />
      <label htmlFor={`${id}-place`}>{t('survive.placeLabel')}</label>
      <input id={`${id}-place`} name="place" maxLength={200} autoComplete="off" />
      <p className="hint">{t('survive.placeHint')}</p>
      <StatusLine>{props.busy ? t('newCard.working') : ''}</StatusLine>
      <div className="actions">
        <button type="submit" className="primary" disabled={props.busy}>
          {props.submitLabel}
        </button>
        <button type="button" disabled={props.busy} onClick={props.onAnother}>
          {t('connect.otherCard')}
        </button>
      </div>
    </form>
  );
}
