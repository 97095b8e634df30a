// What each Keycard status word means, per command, as a typed error. The applet reuses a
// few status words for different conditions (6985 is "PIN not verified" for SIGN but "the
// PIN is not blocked" for UNBLOCK PIN), so the mapping needs the command and, for 6985,
// what the session knows about the card's state.
import type { ErrorCode } from '../../../preload/errors';
import { LifeboatError } from '../../errors';
import { SW_OK, swHex } from './apdu';

export type KeycardCommand =
  | 'select'
  | 'init'
  | 'identify'
  | 'pair'
  | 'pair-confirm'
  | 'unpair'
  | 'open-secure-channel'
  | 'mutually-authenticate'
  | 'get-status'
  | 'verify-pin'
  | 'change-pin'
  | 'change-puk'
  | 'change-pairing-secret'
  | 'unblock-pin'
  | 'load-key'
  | 'generate-key'
  | 'generate-mnemonic'
  | 'remove-key'
  | 'export-key'
  | 'sign'
  | 'get-data'
  | 'store-data'
  | 'factory-reset';

export interface CardState {
  initialized?: boolean;
  pinVerified?: boolean;
  keyLoaded?: boolean;
}

const NEEDS_PIN: ReadonlySet<KeycardCommand> = new Set([
  'unpair',
  'change-pin',
  'change-puk',
  'change-pairing-secret',
  'load-key',
  'generate-key',
  'remove-key',
  'export-key',
  'sign',
  'store-data',
]);

const NEEDS_KEY: ReadonlySet<KeycardCommand> = new Set(['export-key', 'sign']);

function error(
  code: ErrorCode,
  message: string,
  sw: number,
  command: KeycardCommand,
  extra: Record<string, number> = {},
): LifeboatError {
  return new LifeboatError(code, message, { command, sw: swHex(sw), ...extra });
}

function conditionsError(sw: number, command: KeycardCommand, state: CardState): LifeboatError {
  if (command === 'unblock-pin')
    return error(
      'pin-not-blocked',
      'The PIN is not blocked, so there is nothing to unblock.',
      sw,
      command,
    );
  if (command === 'identify')
    return error('no-certificate', 'The card has no identity certificate.', sw, command);
  if (command === 'mutually-authenticate')
    return error(
      'secure-channel-failed',
      'The card refused to authenticate the secure channel.',
      sw,
      command,
    );
  if (command === 'pair')
    return error(
      'conditions-not-satisfied',
      'The card cannot pair while a secure channel is open.',
      sw,
      command,
    );
  if (NEEDS_KEY.has(command) && state.keyLoaded === false)
    return error('no-key', 'The card has no wallet key loaded.', sw, command);
  if (NEEDS_PIN.has(command) && state.pinVerified !== true)
    return error('pin-required', 'The card needs the PIN before it can do this.', sw, command);
  if (command === 'export-key')
    return error(
      'conditions-not-satisfied',
      'The card does not allow exporting that key.',
      sw,
      command,
    );
  return error(
    'conditions-not-satisfied',
    'The card refused the command in its current state.',
    sw,
    command,
  );
}

/** The typed error for a status word other than 9000. */
export function statusError(
  sw: number,
  command: KeycardCommand,
  state: CardState = {},
): LifeboatError {
  if ((sw & 0xfff0) === 0x63c0) {
    const triesLeft = sw & 0x0f;
    if (command === 'verify-pin') {
      return triesLeft === 0
        ? error('pin-blocked', 'The PIN is blocked.', sw, command, { triesLeft })
        : error(
            'wrong-pin',
            `Wrong PIN: ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left.`,
            sw,
            command,
            { triesLeft },
          );
    }
    if (command === 'unblock-pin') {
      return triesLeft === 0
        ? error('puk-blocked', 'The PUK is blocked.', sw, command, { triesLeft })
        : error(
            'wrong-puk',
            `Wrong PUK: ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left.`,
            sw,
            command,
            { triesLeft },
          );
    }
  }
  if ((sw & 0xff00) === 0x6f00)
    return error('card-error', 'The card reported an internal error.', sw, command);
  switch (sw) {
    case 0x6982:
      if (command === 'pair-confirm')
        return error(
          'wrong-pairing-password',
          'The card did not accept the pairing password.',
          sw,
          command,
        );
      if (command === 'mutually-authenticate')
        return error('pairing-invalid', 'The card did not accept the saved pairing.', sw, command);
      return error('channel-reset', 'The card reset the secure channel.', sw, command);
    case 0x6985:
      return conditionsError(sw, command, state);
    case 0x6a80:
      return error('wrong-data', 'The card rejected the data sent to it.', sw, command);
    case 0x6a82:
      return command === 'select'
        ? error('card-not-supported', 'The card has no Keycard applet.', sw, command)
        : error('card-error', 'The card reported that something was not found.', sw, command);
    case 0x6a84:
      return command === 'pair'
        ? error('no-pairing-slots', 'The card has no free pairing slots.', sw, command)
        : error('wrong-data', 'The card has no room for that data.', sw, command);
    case 0x6a86:
      if (command === 'open-secure-channel')
        return error('pairing-invalid', 'The card does not know this pairing.', sw, command);
      return error('wrong-parameters', 'The card rejected the command parameters.', sw, command);
    case 0x6a88:
    case 0x6b00:
      return error('wrong-parameters', 'The card rejected the command parameters.', sw, command);
    case 0x6984:
      return error('card-error', 'The card could not derive that key.', sw, command);
    case 0x6d00:
      if (command === 'init')
        return error('already-initialized', 'The card is already set up.', sw, command);
      if (state.initialized === false)
        return error('not-initialized', 'The card is blank: it has no PIN yet.', sw, command);
      return error('not-supported', 'The card does not support this command.', sw, command);
    default:
      return error('card-error', `The card answered with status ${swHex(sw)}.`, sw, command);
  }
}

/** The response data when the status word is 9000, otherwise the typed error. */
export function expectOk(
  response: { data: Uint8Array; sw: number },
  command: KeycardCommand,
  state?: CardState,
): Uint8Array {
  if (response.sw !== SW_OK) throw statusError(response.sw, command, state);
  return response.data;
}
