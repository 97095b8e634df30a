import { useEffect, useId, useRef, useState } from 'react';
import type { PhraseCheck, RecoveryKind } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { t } from '../i18n/t';
import { completeWord, isCompleteLength, PHRASE_LENGTHS, wordBeingTyped } from './typing';
import { toStatuses, WordFeedback, type WordStatus } from './WordFeedback';
import { WordSuggestions } from './WordSuggestions';

const CHECK_DELAY_MS = 150;

interface RecoveryTextFieldProps {
  kind: RecoveryKind;
  label: string;
  /** The form field name: the parent reads the text from its form on submit. */
  name: string;
  /** The phrase verdict from the live check (BIP-39 only), and whether the length is complete. */
  onVerdict?: (verdict: PhraseVerdict | null) => void;
  /** While the text is being checked by main, it cannot change under the check. */
  busy?: boolean;
  /** The id of the notice saying why the text was refused, shown next to the field. */
  problemId?: string;
  /** The person changed the text: a refusal of the earlier text no longer applies. */
  onEdit?: () => void;
}

export interface PhraseVerdict extends Pick<PhraseCheck, 'valid' | 'problem'> {
  completeLength: boolean;
}

/**
 * A share or phrase typed word by word, with live per-word checks and completions from the
 * secrets service. The text stays in the field (uncontrolled); React keeps only the verdicts
 * and the current completions, which go as soon as the field is emptied.
 */
export function RecoveryTextField({
  kind,
  label,
  name,
  onVerdict,
  busy = false,
  problemId,
  onEdit,
}: RecoveryTextFieldProps) {
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [statuses, setStatuses] = useState<WordStatus[]>([]);
  const [typing, setTyping] = useState<{ index: number; words: string[] } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const sequence = useRef(0);

  useEffect(() => () => clearTimeout(timer.current), []);

  const check = async (text: string) => {
    const mine = ++sequence.current;
    const api = lifeboat();
    const current = wordBeingTyped(text);
    const [checked, suggested] = await Promise.all([
      kind === 'bip39'
        ? api.secrets.checkPhrase({ phrase: text })
        : api.secrets.checkWords({ text }),
      current ? api.secrets.suggestWords({ prefix: current.prefix, kind }) : null,
    ]);
    if (mine !== sequence.current) return;
    if (checked.ok) {
      setStatuses(toStatuses(checked.value.words));
      if ('valid' in checked.value) {
        onVerdict?.({
          valid: checked.value.valid,
          problem: checked.value.problem,
          completeLength: isCompleteLength(text, PHRASE_LENGTHS),
        });
      }
    }
    setTyping(
      current &&
        suggested?.ok &&
        !(suggested.value.length === 1 && suggested.value[0] === current.prefix)
        ? { index: current.index, words: suggested.value }
        : null,
    );
  };

  const onInput = () => {
    onEdit?.();
    clearTimeout(timer.current);
    const text = field.current?.value ?? '';
    if (text.trim() === '') {
      sequence.current += 1;
      setStatuses([]);
      setTyping(null);
      onVerdict?.(null);
      return;
    }
    timer.current = setTimeout(() => void check(text), CHECK_DELAY_MS);
  };

  const pick = (word: string) => {
    const textarea = field.current;
    if (!textarea) return;
    textarea.value = completeWord(textarea.value, word);
    textarea.focus();
    onInput();
  };

  return (
    <div className="recovery-field">
      <label htmlFor={`${id}-text`}>{label}</label>
      <textarea
        ref={field}
        id={`${id}-text`}
        name={name}
        rows={4}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        className="mono"
        aria-describedby={problemId ? `${problemId} ${id}-feedback` : `${id}-feedback`}
        aria-invalid={problemId ? true : undefined}
        readOnly={busy}
        onInput={onInput}
      />
      <WordSuggestions index={typing?.index ?? 0} words={typing?.words ?? []} onPick={pick} />
      <WordFeedback id={`${id}-feedback`} statuses={statuses} />
      {statuses.length === 0 && <p className="hint">{t('words.hint')}</p>}
    </div>
  );
}
