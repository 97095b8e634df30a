import type { BackupKind, BackupSecretView } from '../../preload/api';
import { t, type MessageKey } from '../i18n/t';

interface BackupSecretListProps {
  secrets: readonly BackupSecretView[];
  busy: boolean;
  onOpen: (secret: BackupSecretView) => void;
  onAddShare: (secret: BackupSecretView) => void;
}

const KIND: Record<BackupKind, MessageKey> = {
  bip39: 'backupCard.kindPhrase',
  'master-seed': 'backupCard.kindSeed',
  'slip39-share': 'backupCard.kindShare',
  other: 'backupCard.kindOther',
};

/** What a backup card keeps, by label, kind and fingerprint, and what can be done with each. */
export function BackupSecretList({ secrets, busy, onOpen, onAddShare }: BackupSecretListProps) {
  if (secrets.length === 0) return <p>{t('backupCard.empty')}</p>;
  return (
    <ul className="choice-list">
      {secrets.map((secret) => (
        <li key={secret.id} className="stack">
          <p>
            <strong>{secret.label}</strong> — {t(KIND[secret.kind])}{' '}
            <span className="hint">
              {t('backupCard.fingerprint')} <code className="hex">{secret.fingerprint}</code>
            </span>
          </p>
          {!secret.exportable ? (
            <p className="hint">{t('backupCard.sealed')}</p>
          ) : secret.kind === 'bip39' ? (
            <button type="button" disabled={busy} onClick={() => onOpen(secret)}>
              {t('backupCard.open', { label: secret.label })}
            </button>
          ) : secret.kind === 'slip39-share' ? (
            <button type="button" disabled={busy} onClick={() => onAddShare(secret)}>
              {t('backupCard.addShare', { label: secret.label })}
            </button>
          ) : (
            <p className="hint">{t('backupCard.notOpened')}</p>
          )}
        </li>
      ))}
    </ul>
  );
}
