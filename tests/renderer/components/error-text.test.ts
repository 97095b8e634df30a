import { describe, expect, it } from 'vitest';
import { ERROR_HELP } from '../../../preload/errors';
import { errorText } from '../../../renderer/components/error-text';

describe('errorText', () => {
  it('shows the help alone when the message is its first sentence', () => {
    // main's words for an initialised card, as card-service.ts raises them.
    expect(
      errorText({ code: 'already-initialized', message: 'This card is already set up.' }),
    ).toEqual({ title: ERROR_HELP['already-initialized'], help: null });
  });

  it('shows one text when message and help are the same sentence', () => {
    expect(errorText({ code: 'no-key', message: 'The card has no wallet key loaded' })).toEqual({
      title: ERROR_HELP['no-key'],
      help: null,
    });
  });

  it('keeps the message alone when it says the help and more', () => {
    const message = 'This share is not valid: it says 3 groups are needed out of only 2.';
    expect(errorText({ code: 'invalid-share', message })).toEqual({ title: message, help: null });
  });

  it('shows one text when both say the same in other words, keeping main’s specifics', () => {
    const general = 'The phrase does not pass its checksum: a word is probably wrong.';
    expect(errorText({ code: 'invalid-mnemonic-checksum', message: general })).toEqual({
      title: ERROR_HELP['invalid-mnemonic-checksum'],
      help: null,
    });
    const specific = 'The phrase does not pass its checksum: word 5 is probably wrong.';
    expect(errorText({ code: 'invalid-mnemonic-checksum', message: specific })).toEqual({
      title: specific,
      help: null,
    });
  });

  it('shows both when the help adds advice to a different message', () => {
    const message = 'No answer from http://127.0.0.1:8545 within 10 s.';
    expect(errorText({ code: 'rpc-unreachable', message })).toEqual({
      title: message,
      help: ERROR_HELP['rpc-unreachable'],
    });
  });
});
