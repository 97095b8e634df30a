// The formats a card accepts for its PIN and PUK, as its family's rules say (CardInfo.rules),
// checked as the person types so a mistake is named before anything reaches the card. The
// card checks again; these only spare a round trip.
import type { SecretRule } from '../../preload/api';
import { t, type MessageKey } from '../i18n/t';

const encoder = new TextEncoder();

function fits(value: string, rule: SecretRule): boolean {
  if (rule.alphabet === 'digits' && !/^\d*$/.test(value)) return false;
  const length = encoder.encode(value).length;
  return length >= rule.minLength && length <= rule.maxLength;
}

/** "6 digits", "4 to 16 characters": the rule in words, for labels and problems. */
export function ruleText(rule: SecretRule): string {
  const exact = rule.minLength === rule.maxLength;
  if (rule.alphabet === 'digits') {
    return exact
      ? t('rules.digits', { count: rule.minLength })
      : t('rules.digitsBetween', { min: rule.minLength, max: rule.maxLength });
  }
  return exact
    ? t('rules.characters', { count: rule.minLength })
    : t('rules.charactersBetween', { min: rule.minLength, max: rule.maxLength });
}

/** How an input for a secret under `rule` is set up: a numeric keyboard only for digits. */
export function inputFor(rule: SecretRule): {
  inputMode: 'numeric' | undefined;
  maxLength: number;
} {
  return {
    inputMode: rule.alphabet === 'digits' ? 'numeric' : undefined,
    maxLength: rule.maxLength,
  };
}

export function pinProblem(pin: string, rule: SecretRule): MessageKey | null {
  return fits(pin, rule) ? null : 'rules.pinFormat';
}

export function pukProblem(puk: string, rule: SecretRule): MessageKey | null {
  return fits(puk, rule) ? null : 'rules.pukFormat';
}

/** The problem with a new PIN and its repetition, or null. */
export function newPinProblem(pin: string, repeat: string, rule: SecretRule): MessageKey | null {
  return pinProblem(pin, rule) ?? (pin === repeat ? null : 'rules.pinRepeat');
}

export function newPukProblem(puk: string, repeat: string, rule: SecretRule): MessageKey | null {
  return pukProblem(puk, rule) ?? (puk === repeat ? null : 'rules.pukRepeat');
}

/** Pairing passwords are free text; only an empty one or a mistyped repetition is refused. */
export function newPairingPasswordProblem(password: string, repeat: string): MessageKey | null {
  if (password.length === 0) return 'rules.pairingEmpty';
  if (password !== repeat) return 'rules.pairingRepeat';
  return null;
}
