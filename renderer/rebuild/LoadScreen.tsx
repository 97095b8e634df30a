import { useState } from 'react';
import { useApp } from '../app/AppContext';
import { NewCardStep, type NewCard } from '../card/NewCardStep';
import { ScreenHeading } from '../components/ScreenHeading';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { t } from '../i18n/t';

/** A rebuilt secret goes onto a new card: set it up if blank, load, compare the address. */
export function LoadScreen({ secretId }: { secretId: string }) {
  const { secrets, go } = useApp();
  const secret = secrets.find((s) => s.secretId === secretId);
  const [card, setCard] = useState<NewCard | null>(null);

  if (!secret) {
    return (
      <>
        <ScreenHeading title={t('load.title')} />
        <StatusLine tone="warning">{t('load.secretGone')}</StatusLine>
        <button type="button" onClick={() => go({ name: 'rebuild' })}>
          {t('load.rebuildAgain')}
        </button>
      </>
    );
  }
  return (
    <>
      <ScreenHeading title={t('load.title')} intro={t('load.intro')} />
      {!card && (
        <NewCardStep
          load={secret}
          excludeReaders={[]}
          continueLabel={t('load.finish')}
          onDone={setCard}
        />
      )}
      {card && (
        <section className="stack">
          <StepHeading>{t('load.doneTitle')}</StepHeading>
          <StatusLine tone="good">{t('load.done', { reader: card.session.reader })}</StatusLine>
          <div className="actions">
            <button type="button" className="primary" onClick={() => go({ name: 'drills' })}>
              {t('load.toDrill')}
            </button>
            <button type="button" onClick={() => go({ name: 'home' })}>
              {t('common.home')}
            </button>
          </div>
        </section>
      )}
    </>
  );
}
