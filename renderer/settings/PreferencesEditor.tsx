import { useId, useState } from 'react';
import type { Preferences } from '../../preload/api';
import { SCHEME_NAME } from '../discovery/scheme-names';
import { FieldProblem } from '../components/FieldProblem';
import { formatGwei, parseGwei } from '../format/amount';
import { t } from '../i18n/t';
import { SCHEMES, toggleScheme, withFeeCap } from './settings-draft';

interface PreferencesEditorProps {
  preferences: Preferences;
  onChange: (preferences: Preferences) => void;
}

/** Which derivation schemes discovery searches, how far, and the proposed fee cap. */
export function PreferencesEditor({ preferences, onChange }: PreferencesEditorProps) {
  const id = useId();
  const [cap, setCap] = useState(
    preferences.maxFeePerGas ? formatGwei(preferences.maxFeePerGas) : '',
  );
  const capValid = cap.trim() === '' || parseGwei(cap) !== null;
  return (
    <div className="stack">
      <fieldset>
        <legend>{t('settings.schemes')}</legend>
        {SCHEMES.map((scheme) => (
          <div className="checkbox" key={scheme}>
            <input
              id={`${id}-${scheme}`}
              type="checkbox"
              checked={preferences.schemes.includes(scheme)}
              onChange={() => onChange(toggleScheme(preferences, scheme))}
            />
            <label htmlFor={`${id}-${scheme}`}>{t(SCHEME_NAME[scheme])}</label>
          </div>
        ))}
      </fieldset>
      <label htmlFor={`${id}-gap`}>{t('settings.gapLimit')}</label>
      <input
        id={`${id}-gap`}
        type="number"
        min={1}
        max={100}
        value={preferences.gapLimit}
        onChange={(e) => {
          const gapLimit = Number(e.target.value);
          if (Number.isInteger(gapLimit) && gapLimit >= 1) onChange({ ...preferences, gapLimit });
        }}
      />
      <label htmlFor={`${id}-cap`}>{t('settings.feeCap')}</label>
      <input
        id={`${id}-cap`}
        inputMode="decimal"
        value={cap}
        aria-invalid={!capValid}
        onChange={(e) => {
          setCap(e.target.value);
          const text = e.target.value.trim();
          const wei = text === '' ? null : parseGwei(text);
          if (text === '' || wei !== null) onChange(withFeeCap(preferences, wei));
        }}
      />
      <FieldProblem problem={capValid ? null : 'review.badCap'} />
      <p className="hint">{t('settings.feeCapHint')}</p>
    </div>
  );
}
