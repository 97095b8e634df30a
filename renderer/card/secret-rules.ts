// The formats the Keycard applet accepts, checked as the person types so a mistake is named
// before anything reaches the card. The card checks again; these only spare a round trip.
import type { MessageKey } from '../i18n/t';

export const PIN_LENGTH = 6;
export const PUK_LENGTH = 12;

const digits = (length: number) => new RegExp(`^\\d{${length}}$`);

/** The problem with a new PIN and its repetition, or null. */
export function newPinProblem(pin: string, repeat: string): MessageKey | null {
  if (!digits(PIN_LENGTH).test(pin)) return 'rules.pinFormat';
  if (pin !== repeat) return 'rules.pinRepeat';
  return null;
}

export function newPukProblem(puk: string, repeat: string): MessageKey | null {
  if (!digits(PUK_LENGTH).test(puk)) return 'rules.pukFormat';
  if (puk !== repeat) return 'rules.pukRepeat';
  return null;
}

export function pinProblem(pin: string): MessageKey | null {
  return digits(PIN_LENGTH).test(pin) ? null : 'rules.pinFormat';
}

export function pukProblem(puk: string): MessageKey | null {
  return digits(PUK_LENGTH).test(puk) ? null : 'rules.pukFormat';
}

/** Pairing passwords are free text; only an empty one or a mistyped repetition is refused. */
export function newPairingPasswordProblem(password: string, repeat: string): MessageKey | null {
  if (password.length === 0) return 'rules.pairingEmpty';
  if (password !== repeat) return 'rules.pairingRepeat';
  return null;
}
