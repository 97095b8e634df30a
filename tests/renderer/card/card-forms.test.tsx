// The PIN pad and the set-up and unblock forms are drawn from the card's rules (CardInfo.rules),
// not from what a Keycard happens to need: the Keycard's own rules, and a family with a
// 4–16 character PIN of any characters, no PUK and no pairing.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CredentialRules } from '../../../preload/api';
import { KEYCARD_RULES } from '../../../main/cards/keycard/driver';
import { CardSetupForm } from '../../../renderer/card/CardSetupForm';
import { PinPad } from '../../../renderer/card/PinPad';
import { UnblockForm } from '../../../renderer/card/UnblockForm';

const LOOSE: CredentialRules = {
  pin: { minLength: 4, maxLength: 16, alphabet: 'any' },
  puk: null,
  pairing: false,
  pinTries: { min: 1, max: 15, default: 5 },
  pukTries: null,
  changePinAsksCurrent: false,
  unblockSetsPin: false,
  pukExhausted: 'locked',
};

const noop = () => undefined;

describe('PinPad', () => {
  it('offers a 6-digit field and the digit keypad for a Keycard', () => {
    const html = renderToStaticMarkup(
      <PinPad rules={KEYCARD_RULES} pinTries={3} wrong={false} busy={false} onSubmit={noop} />,
    );
    expect(html).toContain('PIN (6 digits)');
    expect(html).toContain('inputMode="numeric"');
    expect(html).toContain('maxLength="6"');
    expect(html).toContain('aria-label="PIN keypad"');
    expect(html).toContain('only the PUK (12 digits) can unblock it');
  });

  it('offers a free text field of up to 16 characters, and no keypad, where the rules say so', () => {
    const html = renderToStaticMarkup(
      <PinPad rules={LOOSE} pinTries={5} wrong={false} busy={false} onSubmit={noop} />,
    );
    expect(html).toContain('PIN (4 to 16 characters)');
    expect(html).toContain('maxLength="16"');
    expect(html).not.toContain('inputMode');
    expect(html).not.toContain('PIN keypad');
    expect(html).not.toContain('PUK');
  });
});

describe('CardSetupForm', () => {
  it('asks a Keycard for PIN, PUK and pairing password', () => {
    const html = renderToStaticMarkup(
      <CardSetupForm rules={KEYCARD_RULES} busy={false} onSubmit={noop} />,
    );
    expect(html).toContain('PIN (6 digits)');
    expect(html).toContain('PUK (12 digits)');
    expect(html).toContain('Pairing password');
  });

  it('asks only for the PIN where the card has no PUK and does not pair', () => {
    const html = renderToStaticMarkup(<CardSetupForm rules={LOOSE} busy={false} onSubmit={noop} />);
    expect(html).toContain('PIN (4 to 16 characters)');
    expect(html).not.toContain('name="puk"');
    expect(html).not.toContain('name="pairing"');
  });
});

describe('UnblockForm', () => {
  it('takes the PUK and the new PIN in the forms the card names', () => {
    const html = renderToStaticMarkup(
      <UnblockForm
        rules={{ pin: LOOSE.pin, puk: { minLength: 4, maxLength: 16, alphabet: 'any' } }}
        pukTries={3}
        wrong={false}
        busy={false}
        onSubmit={noop}
      />,
    );
    expect(html).toContain('PUK (4 to 16 characters)');
    expect(html).toContain('New PIN (4 to 16 characters)');
    expect(html).not.toContain('inputMode');
  });
});

describe('UnblockForm for a card that keeps its PIN', () => {
  it('asks only for the PUK, says the PIN keeps its value, and warns that the card erases itself', () => {
    const html = renderToStaticMarkup(
      <UnblockForm
        rules={{
          pin: LOOSE.pin,
          puk: { minLength: 4, maxLength: 16, alphabet: 'any' },
          unblockSetsPin: false,
          pukExhausted: 'wiped',
        }}
        pukTries={2}
        wrong={false}
        busy={false}
        onSubmit={noop}
      />,
    );
    expect(html).toContain('name="puk"');
    expect(html).not.toContain('name="pin"');
    expect(html).toContain('The PIN keeps its value');
    expect(html).toContain('erases everything it keeps');
  });
});
