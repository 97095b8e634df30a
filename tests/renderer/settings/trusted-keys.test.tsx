// The production Keycard CA is shown as built in: listed, never offered for removal; the keys
// the person added are listed apart, each with its remove button.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TrustedKeysEditor } from '../../../renderer/settings/TrustedKeysEditor';

const PRODUCTION = '029ab99ee1e7a71bdf45b3f9c58c99866ff1294d2c1e304e228a86e10c3343501c';
const SATOCHIP = '037135710c69172b257491a457bbef604eb83ae785da9ba92d80303f9fedbcf9e8';
const SEEDKEEPER = '039a5fc4f7e9bcaa21552dcc69af2711a34e1b7e5eaf44161212cbb33758e2c7b5';
const ADDED = `03${'ab'.repeat(32)}`;
const noop = () => undefined;

describe('TrustedKeysEditor', () => {
  it('shows a built-in key without a way to remove it, and an added key with one', () => {
    const html = renderToStaticMarkup(
      <TrustedKeysEditor
        builtIn={[{ family: 'keycard', key: PRODUCTION }]}
        keys={[ADDED]}
        onAdd={noop}
        onRemove={noop}
      />,
    );
    expect(html).toContain(PRODUCTION);
    expect(html).toContain('built in: the production Keycard authority');
    expect(html).not.toContain(`Remove ${PRODUCTION.slice(0, 10)}`);
    expect(html).toContain(`aria-label="Remove ${ADDED.slice(0, 10)}…"`);
  });

  it('says so when the person added none, while the built-in key stays listed', () => {
    const html = renderToStaticMarkup(
      <TrustedKeysEditor
        builtIn={[{ family: 'keycard', key: PRODUCTION }]}
        keys={[]}
        onAdd={noop}
        onRemove={noop}
      />,
    );
    expect(html).toContain(PRODUCTION);
    expect(html).toContain('You have added no keys.');
  });

  it('names the family of each built-in authority', () => {
    const html = renderToStaticMarkup(
      <TrustedKeysEditor
        builtIn={[
          { family: 'keycard', key: PRODUCTION },
          { family: 'satochip', key: SATOCHIP },
          { family: 'seedkeeper', key: SEEDKEEPER },
        ]}
        keys={[]}
        onAdd={noop}
        onRemove={noop}
      />,
    );
    expect(html).toMatch(new RegExp(`${SATOCHIP}</code> \\(built in: the Satochip authority`));
    expect(html).toMatch(new RegExp(`${SEEDKEEPER}</code> \\(built in: the Seedkeeper authority`));
  });
});
