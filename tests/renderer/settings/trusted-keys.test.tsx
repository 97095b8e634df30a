// The production Keycard CA is shown as built in: listed, never offered for removal; the keys
// the person added are listed apart, each with its remove button.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TrustedKeysEditor } from '../../../renderer/settings/TrustedKeysEditor';

const PRODUCTION = '029ab99ee1e7a71bdf45b3f9c58c99866ff1294d2c1e304e228a86e10c3343501c';
const ADDED = `03${'ab'.repeat(32)}`;
const noop = () => undefined;

describe('TrustedKeysEditor', () => {
  it('shows a built-in key without a way to remove it, and an added key with one', () => {
    const html = renderToStaticMarkup(
      <TrustedKeysEditor builtIn={[PRODUCTION]} keys={[ADDED]} onAdd={noop} onRemove={noop} />,
    );
    expect(html).toContain(PRODUCTION);
    expect(html).toContain('built in: the production Keycard authority');
    expect(html).not.toContain(`Remove ${PRODUCTION.slice(0, 10)}`);
    expect(html).toContain(`aria-label="Remove ${ADDED.slice(0, 10)}…"`);
  });

  it('says so when the person added none, while the built-in key stays listed', () => {
    const html = renderToStaticMarkup(
      <TrustedKeysEditor builtIn={[PRODUCTION]} keys={[]} onAdd={noop} onRemove={noop} />,
    );
    expect(html).toContain(PRODUCTION);
    expect(html).toContain('You have added no keys.');
  });
});
