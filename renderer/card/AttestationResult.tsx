import type { Attestation } from '../../preload/api';
import { StatusLine } from '../components/StatusLine';
import { t } from '../i18n/t';
import { VERDICT, VERDICT_TONE } from './card-words';

/** Whether the card proved it is genuine, in plain words, with the issuer key when known. */
export function AttestationResult({ attestation }: { attestation: Attestation }) {
  return (
    <div className="attestation">
      <StatusLine tone={VERDICT_TONE[attestation.verdict]}>
        {t(VERDICT[attestation.verdict])}
      </StatusLine>
      <p>{attestation.explanation}</p>
      {attestation.caPublicKey && (
        <p className="hint">
          {t('attestation.issuerKey')} <code className="hex">{attestation.caPublicKey}</code>
        </p>
      )}
    </div>
  );
}
