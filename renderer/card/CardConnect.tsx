import { useEffect, useEffectEvent, useState } from 'react';
import type { ApiError, CardSessionView } from '../../preload/api';
import { ERROR_HELP, type ErrorCode } from '../../preload/errors';
import { lifeboat } from '../api/lifeboat';
import { useApp } from '../app/AppContext';
import { useLive } from '../app/LiveContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusLine } from '../components/StatusLine';
import { StepHeading } from '../components/StepHeading';
import { t, type MessageKey } from '../i18n/t';
import { AttestationResult } from './AttestationResult';
import { CardSetupForm, type CardSecrets } from './CardSetupForm';
import {
  afterAttestation,
  afterLostAnswer,
  afterOpening,
  afterPairing,
  afterPairingError,
  afterUnblock,
  afterUnlock,
  setsUp,
  stepSession,
  type Activity,
  type CardPurpose,
  type ConnectStep,
} from './connect-steps';
import { PairingPasswordForm } from './PairingPasswordForm';
import { PinPad } from './PinPad';
import { ReaderChoice } from './ReaderChoice';
import { UnblockForm } from './UnblockForm';
import { WrongKindNotice } from './WrongKindNotice';

interface CardConnectProps {
  purpose: CardPurpose;
  /** What to insert, in the words of the job. */
  instruction: string;
  excludeReaders?: readonly string[];
  onReady: (session: CardSessionView) => void;
  /** Card tools: go on with a card that stays locked (a factory reset needs no PIN). */
  onSkipPin?: (session: CardSessionView) => void;
}

const ACTIVITY: Record<Activity, MessageKey> = {
  opening: 'connect.opening',
  attesting: 'connect.attesting',
  pairing: 'connect.pairing',
  unlocking: 'connect.unlocking',
  'setting-up': 'connect.settingUp',
};

const CLOSED: Record<string, ErrorCode> = {
  'card-removed': 'card-removed',
  'reader-removed': 'reader-not-found',
  'service-lost': 'no-service',
};

function apiError(code: ErrorCode): ApiError {
  return { code, message: ERROR_HELP[code] };
}

/**
 * From "insert the card" to a usable card: open, prove it is genuine, pair (saved pairing,
 * then the default password, then ask), and unlock with a PIN pad that shows the tries left —
 * or set the card up when it is blank and the job wants a new card.
 */
export function CardConnect({
  purpose,
  instruction,
  excludeReaders = [],
  onReady,
  onSkipPin,
}: CardConnectProps) {
  const { go } = useApp();
  const { note } = useLive();
  const [step, setStep] = useState<ConnectStep>({ name: 'choose' });
  const [working, setWorking] = useState<Activity | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const api = lifeboat();
  const busy = working !== null;
  const canSetUp = setsUp(purpose);

  const onCardEvent = useEffectEvent((sessionId: string, reason: string) => {
    const current = stepSession(step);
    if (!current || current.sessionId !== sessionId) return;
    const code = CLOSED[reason];
    if (code) setError(apiError(code));
    setWorking(null);
    setStep({ name: 'choose' });
  });
  useEffect(
    () =>
      api.cards.watch((event) => {
        if (event.type === 'session-closed') onCardEvent(event.sessionId, event.reason);
      }),
    [api],
  );

  const show = (next: ConnectStep) => {
    setWorking(null);
    if (next.name === 'ready' && next.session.attestation?.verdict === 'needs-unlock') {
      void attestUnlocked(next.session);
      return;
    }
    setStep(next);
    if (next.name === 'ready') onReady(next.session);
  };

  /** A card that shows its certificate only once unlocked is checked now, before it is used. */
  const attestUnlocked = async (session: CardSessionView) => {
    setWorking('attesting');
    const attested = await api.cards.identify({ sessionId: session.sessionId });
    setWorking(null);
    if (!attested.ok) {
      setError(attested.error);
      return setStep({ name: 'choose' });
    }
    const checked = { ...session, attestation: attested.value };
    note(checked);
    setStep({ name: 'attested', session: checked });
  };

  const choose = async (reader: string) => {
    setError(null);
    setWorking('opening');
    const opened = await api.cards.open({ reader });
    if (!opened.ok) {
      setError(opened.error);
      return setWorking(null);
    }
    note(opened.value);
    const wrong = afterOpening(opened.value, purpose);
    if (wrong) return show(wrong);
    setWorking('attesting');
    const attested = await api.cards.identify({ sessionId: opened.value.sessionId });
    if (!attested.ok) {
      setError(attested.error);
      return setWorking(null);
    }
    const session = { ...opened.value, attestation: attested.value };
    note(session);
    show({ name: 'attested', session });
  };

  const pair = async (session: CardSessionView, pairingPassword?: string) => {
    setError(null);
    setWorking('pairing');
    const paired = await api.cards.pair(
      pairingPassword === undefined
        ? { sessionId: session.sessionId }
        : { sessionId: session.sessionId, pairingPassword },
    );
    if (paired.ok) return show(afterPairing(paired.value));
    const asked = afterPairingError(session, paired.error.code, pairingPassword !== undefined);
    if (asked) return show(asked);
    setError(paired.error);
    setWorking(null);
  };

  const proceed = (session: CardSessionView) => {
    const next = afterAttestation(session, purpose);
    if (next === 'pair') void pair(session);
    else show(next);
  };

  const unlock = async (session: CardSessionView, pin: string) => {
    setError(null);
    setWorking('unlocking');
    const result = await api.cards.unlock({ sessionId: session.sessionId, pin });
    if (result.ok) return show(afterUnlock(session, result.value));
    settleFailure(session, result.error);
  };

  /** The error is shown; where the card's answer was lost, beside the tries it reports now. */
  const settleFailure = (session: CardSessionView, failure: ApiError) => {
    const next = afterLostAnswer(session, failure);
    if (next) show(next);
    setError(failure);
    setWorking(null);
  };

  const unblock = async (session: CardSessionView, puk: string, newPin?: string) => {
    setError(null);
    setWorking('unlocking');
    const result = await api.cards.unblock({
      sessionId: session.sessionId,
      puk,
      ...(newPin === undefined ? {} : { newPin }),
    });
    if (result.ok) return show(afterUnblock(session, result.value));
    // A card that erased itself on its last PUK try is blank now: start again with a card.
    if (result.error.code === 'card-wiped') {
      setError(result.error);
      setWorking(null);
      return setStep({ name: 'choose' });
    }
    settleFailure(session, result.error);
  };

  const setUp = async (session: CardSessionView, secrets: CardSecrets) => {
    setError(null);
    setWorking('setting-up');
    const result = await api.cards.initialize({ sessionId: session.sessionId, ...secrets });
    if (result.ok) return show({ name: 'ready', session: result.value });
    setError(result.error);
    setWorking(null);
  };

  /** A paired card waiting for its PIN or PUK: the card tools may go on without either. */
  const locked =
    step.name === 'pin' || step.name === 'blocked' || step.name === 'puk-blocked'
      ? step.session
      : undefined;

  return (
    <div className="card-connect">
      <ErrorNotice error={error} />
      {step.name === 'choose' && (
        <>
          <StepHeading>{t('connect.chooseTitle')}</StepHeading>
          <ReaderChoice
            instruction={instruction}
            excludeReaders={excludeReaders}
            busy={busy}
            onChoose={(reader) => void choose(reader)}
          />
        </>
      )}
      <StatusLine>{working ? t(ACTIVITY[working]) : ''}</StatusLine>
      {step.name === 'attested' && step.session.attestation && (
        <>
          <StepHeading>{t('connect.attestedTitle')}</StepHeading>
          <AttestationResult attestation={step.session.attestation} />
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => proceed(step.session)}
          >
            {/* Nothing is wrong with a card that is only checked after its PIN. */}
            {step.session.attestation.verdict === 'genuine' ||
            step.session.attestation.verdict === 'needs-unlock'
              ? t('connect.continue')
              : t('connect.continueAnyway')}
          </button>
        </>
      )}
      {step.name === 'blank' && (
        <>
          <StepHeading>{t(canSetUp ? 'connect.setupTitle' : 'connect.blankTitle')}</StepHeading>
          {canSetUp ? (
            <CardSetupForm
              rules={step.session.info.rules}
              busy={busy}
              onSubmit={(s) => void setUp(step.session, s)}
            />
          ) : (
            <p>
              {t(purpose === 'backup-source' ? 'connect.blankBackupHelp' : 'connect.blankHelp')}
            </p>
          )}
        </>
      )}
      {step.name === 'wrong-kind' && (
        <WrongKindNotice
          session={step.session}
          wanted={step.wanted}
          purpose={purpose}
          onRebuild={() => go({ name: 'rebuild', from: 'backup-card' })}
        />
      )}
      {step.name === 'no-key' && (
        <>
          <StepHeading>{t('connect.noKeyTitle')}</StepHeading>
          <p>{t('connect.noKeyHelp')}</p>
        </>
      )}
      {step.name === 'password' && (
        <>
          <StepHeading>{t('connect.passwordTitle')}</StepHeading>
          {step.wrong && (
            <StatusLine tone="warning">{ERROR_HELP['wrong-pairing-password']}</StatusLine>
          )}
          <PairingPasswordForm busy={busy} onSubmit={(p) => void pair(step.session, p)} />
        </>
      )}
      {step.name === 'pin' && (
        <>
          <StepHeading>{t('connect.pinTitle')}</StepHeading>
          <PinPad
            rules={step.session.info.rules}
            pinTries={step.pinTries}
            wrong={step.wrong}
            busy={busy}
            onSubmit={(pin) => void unlock(step.session, pin)}
          />
        </>
      )}
      {step.name === 'blocked' && step.session.info.rules.puk && (
        <>
          <StepHeading>{t('connect.blockedTitle')}</StepHeading>
          <UnblockForm
            rules={{ ...step.session.info.rules, puk: step.session.info.rules.puk }}
            pukTries={step.pukTries}
            wrong={step.wrong}
            busy={busy}
            onSubmit={(puk, pin) => void unblock(step.session, puk, pin)}
          />
        </>
      )}
      {step.name === 'puk-blocked' && (
        <>
          <StepHeading>{t('connect.pukBlockedTitle')}</StepHeading>
          <p>{ERROR_HELP['puk-blocked']}</p>
          <button type="button" className="primary" onClick={() => go({ name: 'rebuild' })}>
            {t('connect.toRebuild')}
          </button>
        </>
      )}
      {step.name !== 'choose' && step.name !== 'ready' && (
        <div className="actions">
          {onSkipPin && locked && (
            <button type="button" disabled={busy} onClick={() => onSkipPin(locked)}>
              {t('connect.skipPin')}
            </button>
          )}
          <button
            type="button"
            className="link"
            disabled={busy}
            onClick={() => setStep({ name: 'choose' })}
          >
            {t('connect.otherCard')}
          </button>
        </div>
      )}
    </div>
  );
}
