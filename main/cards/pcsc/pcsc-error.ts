import type { ErrorCode } from '../../../preload/errors';
import { LifeboatError } from '../../errors';

// PC/SC return codes (pcsclite.h). The npm binding reports them only inside the message
// text, e.g. "SCardTransmit error: Card was removed.(0x80100069)".
const PCSC_CODES: Record<number, ErrorCode> = {
  0x80100069: 'card-removed', // SCARD_W_REMOVED_CARD
  0x8010000c: 'card-removed', // SCARD_E_NO_SMARTCARD
  0x80100068: 'card-reset', // SCARD_W_RESET_CARD
  0x80100067: 'card-reset', // SCARD_W_UNPOWERED_CARD
  0x8010000b: 'reader-busy', // SCARD_E_SHARING_VIOLATION
  0x8010000a: 'card-timeout', // SCARD_E_TIMEOUT
  0x80100066: 'card-mute', // SCARD_W_UNRESPONSIVE_CARD
  0x8010001d: 'no-service', // SCARD_E_NO_SERVICE
  0x8010001e: 'no-service', // SCARD_E_SERVICE_STOPPED
  0x80100013: 'no-service', // SCARD_F_COMM_ERROR ("RPC transport error"): pcscd went away
  0x80100009: 'reader-not-found', // SCARD_E_UNKNOWN_READER
  0x80100017: 'reader-not-found', // SCARD_E_READER_UNAVAILABLE
  0x8010002e: 'no-reader', // SCARD_E_NO_READERS_AVAILABLE
};

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  'card-removed': 'The card was removed from the reader.',
  'card-reset': 'The card was reset by another program or by the reader.',
  'reader-busy': 'Another program is using this card reader.',
  'card-timeout': 'The card did not answer in time.',
  'card-mute': 'The card does not respond.',
  'no-service': 'The smart-card service (pcscd) is not running.',
  'reader-not-found': 'The card reader is no longer connected.',
  'no-reader': 'No card reader is connected.',
  'reader-error': 'The card reader reported an error.',
};

export function pcscReturnCode(error: unknown): number | undefined {
  const text = error instanceof Error ? error.message : String(error);
  const match = /\(0x([0-9a-f]{8})\)/i.exec(text);
  return match ? Number.parseInt(match[1]!, 16) : undefined;
}

/** Maps a failure of the native binding to the typed error the rest of Lifeboat handles. */
export function fromPcscError(error: unknown, reader?: string): LifeboatError {
  const rc = pcscReturnCode(error);
  const code: ErrorCode = (rc !== undefined && PCSC_CODES[rc]) || 'reader-error';
  const details: Record<string, string> = {};
  if (reader !== undefined) details.reader = reader;
  if (rc !== undefined) details.pcscCode = `0x${rc.toString(16).padStart(8, '0')}`;
  return new LifeboatError(code, MESSAGES[code], details, { cause: error });
}

export function pcscError(code: ErrorCode, reader?: string): LifeboatError {
  return new LifeboatError(code, MESSAGES[code], reader === undefined ? undefined : { reader });
}
