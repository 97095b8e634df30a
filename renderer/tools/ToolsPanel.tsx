import { useState } from 'react';
import type { CardSessionView, Result } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { CardSummary } from '../card/CardSummary';
import { newPinProblem, newPukProblem, ruleText } from '../card/secret-rules';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { useAction } from '../hooks/useAction';
import { t } from '../i18n/t';
import { CardHoldings } from './CardHoldings';
import { FactoryResetForm } from './FactoryResetForm';
import { NewSecretForm } from './NewSecretForm';

interface ToolsPanelProps {
  session: CardSessionView;
  /** The card was released, reset or unpaired: start again with a card, saying what happened. */
  onDone: (news: string) => void;
}

/** Change PIN or PUK, unpair this computer, factory reset, release the card. */
export function ToolsPanel({ session: initial, onDone }: ToolsPanelProps) {
  const [session, setSession] = useState(initial);
  const [news, setNews] = useState('');
  const [confirmUnpair, setConfirmUnpair] = useState(false);
  /** A card without a wallet has nothing to look for before a reset. */
  const [holdingsKnown, setHoldingsKnown] = useState(initial.info.keyUid === undefined);
  const action = useAction(async (call: () => Promise<Result<CardSessionView | null>>) => call());
  const api = lifeboat();
  const sessionId = session.sessionId;
  const { rules, capabilities } = session.info;

  const perform = async (
    call: () => Promise<Result<CardSessionView | null>>,
    done: string | ((session: CardSessionView | null) => string),
    finished = false,
  ) => {
    setNews('');
    const result = await action.run(call);
    if (!result.ok) return;
    const said = typeof done === 'string' ? done : done(result.value);
    if (finished) return onDone(said);
    setNews(said);
    if (result.value) setSession(result.value);
  };

  // The secure channel of this session outlives the pairing it was opened with; releasing the
  // card as well means the next use pairs afresh, as it will on any other day.
  const unpairAndRelease = async (): Promise<Result<CardSessionView | null>> => {
    const unpaired = await api.cards.unpair({ sessionId });
    return unpaired.ok ? api.cards.close({ sessionId }) : unpaired;
  };

  return (
    <div className="stack">
      <StepHeading>{t('tools.cardTitle', { reader: session.reader })}</StepHeading>
      <CardSummary session={session} />
      <StatusLine tone="good">{news}</StatusLine>
      <ErrorNotice error={action.error} />
      {session.unlocked ? (
        <>
          <section className="tool">
            <h3>{t('tools.changePin')}</h3>
            <NewSecretForm
              {...(rules.changePinAsksCurrent
                ? { currentLabel: t('tools.currentPin', { rule: ruleText(rules.pin) }) }
                : {})}
              label={t('tools.newPin', { rule: ruleText(rules.pin) })}
              repeatLabel={t('tools.repeatPin')}
              submitLabel={t('tools.changePin')}
              rule={rules.pin}
              problemOf={newPinProblem}
              busy={action.busy}
              onSubmit={(newPin, currentPin) =>
                void perform(
                  () =>
                    api.cards.changePin({
                      sessionId,
                      newPin,
                      ...(currentPin === undefined ? {} : { currentPin }),
                    }),
                  // A card that checks the PIN again in the change locks itself afterwards.
                  (changed) =>
                    t(changed?.unlocked === false ? 'tools.pinChangedLocked' : 'tools.pinChanged'),
                )
              }
            />
          </section>
          {rules.puk && capabilities.includes('change-puk') && (
            <section className="tool">
              <h3>{t('tools.changePuk')}</h3>
              <NewSecretForm
                label={t('tools.newPuk', { rule: ruleText(rules.puk) })}
                repeatLabel={t('tools.repeatPuk')}
                submitLabel={t('tools.changePuk')}
                rule={rules.puk}
                problemOf={newPukProblem}
                busy={action.busy}
                onSubmit={(newPuk) =>
                  void perform(
                    () => api.cards.changePuk({ sessionId, newPuk }),
                    t('tools.pukChanged'),
                  )
                }
              />
            </section>
          )}
          {capabilities.includes('unpair') && (
            <section className="tool">
              <h3>{t('tools.unpair')}</h3>
              <p>{t('tools.unpairHelp')}</p>
              {confirmUnpair ? (
                <div className="actions">
                  <button type="button" onClick={() => setConfirmUnpair(false)}>
                    {t('common.cancel')}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    disabled={action.busy}
                    onClick={() => void perform(unpairAndRelease, t('tools.unpaired'), true)}
                  >
                    {t('tools.unpairConfirm')}
                  </button>
                </div>
              ) : (
                <button type="button" onClick={() => setConfirmUnpair(true)}>
                  {t('tools.unpair')}
                </button>
              )}
            </section>
          )}
        </>
      ) : (
        <p>{t('tools.lockedHelp')}</p>
      )}
      {capabilities.includes('factory-reset') && (
        <section className="tool">
          <h3>{t('tools.reset')}</h3>
          <CardHoldings session={session} onSettled={() => setHoldingsKnown(true)} />
          <FactoryResetForm
            busy={action.busy || !holdingsKnown}
            onConfirm={(confirmation) =>
              void perform(
                () => api.cards.factoryReset({ sessionId, confirmation }),
                t('tools.resetDone'),
                true,
              )
            }
          />
        </section>
      )}
      <section className="tool">
        <h3>{t('tools.release')}</h3>
        <p>{t('tools.releaseHelp')}</p>
        <button
          type="button"
          disabled={action.busy}
          onClick={() =>
            void perform(() => api.cards.close({ sessionId }), t('tools.released'), true)
          }
        >
          {t('tools.release')}
        </button>
      </section>
    </div>
  );
}
