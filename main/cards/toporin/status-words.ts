// What each status word of the Toporin applets means, per command, as a typed error. The
// applets share one table (CardEdge.java / SeedKeeper.java); a few words depend on the
// command: 63Cx and 9C0C concern the PIN for VERIFY/CHANGE PIN and RESET SEED but the PUK
// for UNBLOCK PIN, and 9C03 on UNBLOCK PIN means the PIN is not blocked.
import type { ErrorCode } from '../../../preload/errors';
import { LifeboatError } from '../../errors';

export type ToporinOperation =
  | 'select'
  | 'get-status'
  | 'setup'
  | 'verify-pin'
  | 'change-pin'
  | 'unblock-pin'
  | 'logout'
  | 'card-label'
  | 'import-seed'
  | 'reset-seed'
  | 'get-extended-key'
  | 'get-authentikey'
  | 'sign-hash'
  | 'open-secure-channel'
  | 'secure-channel'
  | 'export-certificate'
  | 'challenge-response'
  | 'generate-masterseed'
  | 'import-secret'
  | 'export-secret'
  | 'reset-secret'
  | 'list-secret-headers'
  | 'seedkeeper-status'
  | 'factory-reset';

export const SW = {
  ok: 0x9000,
  noMemoryLeft: 0x9c01,
  legacyWrongPin: 0x9c02,
  operationNotAllowed: 0x9c03,
  setupNotDone: 0x9c04,
  unsupportedFeature: 0x9c05,
  unauthorized: 0x9c06,
  setupAlreadyDone: 0x9c07,
  objectNotFound: 0x9c08,
  signatureInvalid: 0x9c0b,
  identityBlocked: 0x9c0c,
  derivationError: 0x9c0e,
  invalidParameter: 0x9c0f,
  incorrectP1: 0x9c10,
  incorrectP2: 0x9c11,
  sequenceEnd: 0x9c12,
  seedUninitialized: 0x9c14,
  seedInitialized: 0x9c17,
  secureChannelRequired: 0x9c20,
  secureChannelUninitialized: 0x9c21,
  secureChannelWrongIv: 0x9c22,
  secureChannelWrongMac: 0x9c23,
  lockError: 0x9c30,
  exportNotAllowed: 0x9c31,
  importTooLong: 0x9c32,
  usageNotAllowed: 0x9c36,
  wrongSecretType: 0x9c38,
  internalError: 0x9cff,
  resetToFactory: 0xff00,
} as const;

const PIN_CHECKING: ReadonlySet<ToporinOperation> = new Set([
  'verify-pin',
  'change-pin',
  'reset-seed',
]);

export function swHex(sw: number): string {
  return sw.toString(16).padStart(4, '0');
}

function error(
  code: ErrorCode,
  message: string,
  sw: number,
  operation: ToporinOperation,
  extra: Record<string, number> = {},
): LifeboatError {
  return new LifeboatError(code, message, { command: operation, sw: swHex(sw), ...extra });
}

function plural(n: number): string {
  return `${n} ${n === 1 ? 'try' : 'tries'}`;
}

/** 63Cx with the applet's mask: the low six bits count the tries left (0 = now blocked). */
function triesError(sw: number, operation: ToporinOperation): LifeboatError | undefined {
  if (sw >> 8 !== 0x63 || (sw & 0xc0) !== 0xc0) return undefined;
  const triesLeft = sw & 0x3f;
  if (operation === 'unblock-pin') {
    return triesLeft === 0
      ? error('puk-blocked', 'The PUK is blocked.', sw, operation, { triesLeft })
      : error('wrong-puk', `Wrong PUK: ${plural(triesLeft)} left.`, sw, operation, { triesLeft });
  }
  if (PIN_CHECKING.has(operation)) {
    return triesLeft === 0
      ? error('pin-blocked', 'The PIN is blocked.', sw, operation, { triesLeft })
      : error('wrong-pin', `Wrong PIN: ${plural(triesLeft)} left.`, sw, operation, { triesLeft });
  }
  return undefined;
}

/** The typed error for a status word other than 9000. */
export function statusError(sw: number, operation: ToporinOperation): LifeboatError {
  const tries = triesError(sw, operation);
  if (tries) return tries;
  switch (sw) {
    case SW.legacyWrongPin:
      return operation === 'unblock-pin'
        ? error('wrong-puk', 'Wrong PUK.', sw, operation)
        : error('wrong-pin', 'Wrong PIN.', sw, operation);
    case SW.identityBlocked:
      if (operation === 'unblock-pin')
        return error('puk-blocked', 'The PUK is blocked.', sw, operation, { triesLeft: 0 });
      if (PIN_CHECKING.has(operation))
        return error('pin-blocked', 'The PIN is blocked.', sw, operation, { triesLeft: 0 });
      return error('card-error', 'The card refused: an identity is blocked.', sw, operation);
    case SW.operationNotAllowed:
      return operation === 'unblock-pin'
        ? error(
            'pin-not-blocked',
            'The PIN is not blocked, so there is nothing to unblock.',
            sw,
            operation,
          )
        : error('conditions-not-satisfied', 'The card does not allow this now.', sw, operation);
    case SW.setupNotDone:
      return error('not-initialized', 'The card is not set up yet: it has no PIN.', sw, operation);
    case SW.setupAlreadyDone:
      return error('already-initialized', 'The card is already set up.', sw, operation);
    case SW.unauthorized:
      return error('pin-required', 'The card needs the PIN before it can do this.', sw, operation);
    case SW.unsupportedFeature:
    case 0x6d00:
    case 0x6e00:
      return error('not-supported', 'The card does not support this command.', sw, operation);
    case SW.noMemoryLeft:
      return error('card-memory-full', 'The card has no memory left for this.', sw, operation);
    case SW.objectNotFound:
      return error(
        'card-secret-not-found',
        'The card holds no secret with that id.',
        sw,
        operation,
      );
    case SW.seedUninitialized:
      return error('no-key', 'The card has no wallet seed loaded.', sw, operation);
    case SW.seedInitialized:
      return error('key-present', 'The card already holds a wallet seed.', sw, operation);
    case SW.exportNotAllowed:
    case SW.usageNotAllowed:
      return error(
        'secret-export-forbidden',
        'The card does not allow reading this secret out in plain form.',
        sw,
        operation,
      );
    case SW.secureChannelRequired:
    case SW.secureChannelUninitialized:
      return error('channel-reset', 'The card has no secure channel open.', sw, operation);
    case SW.secureChannelWrongIv:
    case SW.secureChannelWrongMac:
      return error(
        'secure-channel-failed',
        'The card rejected the secure channel message.',
        sw,
        operation,
      );
    case SW.lockError:
      return error(
        'conditions-not-satisfied',
        'The card was in the middle of another multi-step command.',
        sw,
        operation,
      );
    case SW.invalidParameter:
    case SW.importTooLong:
    case SW.wrongSecretType:
    case 0x6700:
    case 0x6a80:
      return error('wrong-data', 'The card rejected the data sent to it.', sw, operation);
    case SW.incorrectP1:
    case SW.incorrectP2:
    case 0x6b00:
      return error('wrong-parameters', 'The card rejected the command parameters.', sw, operation);
    case SW.derivationError:
      return error('card-error', 'The card could not derive that key.', sw, operation);
    case SW.resetToFactory:
      return operation === 'unblock-pin'
        ? error('card-wiped', 'The card erased itself after the last wrong PUK.', sw, operation)
        : error('card-error', `The card answered with status ${swHex(sw)}.`, sw, operation);
    case 0x6a82:
      if (operation === 'select')
        return error('card-not-supported', 'The card has no such applet.', sw, operation);
      return error('card-error', 'The card reported that something was not found.', sw, operation);
    default:
      return error('card-error', `The card answered with status ${swHex(sw)}.`, sw, operation);
  }
}

/** The response data when the status word is 9000, otherwise the typed error. */
export function expectOk(
  response: { data: Uint8Array; sw: number },
  operation: ToporinOperation,
): Uint8Array {
  if (response.sw !== SW.ok) throw statusError(response.sw, operation);
  return response.data;
}
