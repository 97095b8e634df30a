// Static renders of the components that carry meaning in their markup: the identicon's cells,
// the grouped address that is read out whole, and the guidance when there is no PC/SC service
// or no reader (which the shared end-to-end bench cannot stage).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AddressGroups } from '../../../renderer/components/AddressGroups';
import { ErrorNotice } from '../../../renderer/components/ErrorNotice';
import { Identicon } from '../../../renderer/components/Identicon';
import { ServiceGuidance } from '../../../renderer/card/ServiceGuidance';
import { blockies } from '../../../renderer/identicon/blockies';

const ADDRESS = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';

describe('Identicon', () => {
  it('draws one rectangle per coloured cell on the background, hidden from screen readers', () => {
    const html = renderToStaticMarkup(<Identicon address={ADDRESS} />);
    const coloured = blockies(ADDRESS)
      .cells.flat()
      .filter((c) => c !== 0).length;
    expect(html.match(/<rect /g)).toHaveLength(coloured + 1);
    expect(html).toContain('aria-hidden="true"');
    expect(html).not.toContain('style=');
  });
});

describe('AddressGroups', () => {
  it('shows groups of four and gives assistive technology the whole address', () => {
    const html = renderToStaticMarkup(<AddressGroups address={ADDRESS.toLowerCase()} />);
    expect(html).toContain(`<span class="visually-hidden">${ADDRESS}</span>`);
    expect(html.match(/class="address-group" aria-hidden="true"/g)).toHaveLength(11);
    expect(html).toContain('>5aAe<');
  });
});

describe('ServiceGuidance', () => {
  it('says what to do when pcscd is not running or no reader is plugged in', () => {
    const noService = renderToStaticMarkup(
      <ServiceGuidance snapshot={{ state: 'no-service', readers: [] }} />,
    );
    expect(noService).toContain('The smart-card service is not running');
    expect(noService).toContain('sudo systemctl start pcscd');
    expect(noService).toContain('role="alert"');
    const noReader = renderToStaticMarkup(
      <ServiceGuidance snapshot={{ state: 'no-reader', readers: [] }} />,
    );
    expect(noReader).toContain('No card reader is plugged in');
    expect(renderToStaticMarkup(<ServiceGuidance snapshot={null} />)).toContain(
      'Looking for card readers',
    );
    expect(
      renderToStaticMarkup(<ServiceGuidance snapshot={{ state: 'ready', readers: [] }} />),
    ).toBe('');
  });
});

describe('ErrorNotice', () => {
  it('does not say the same sentence twice when main’s message opens the help text', () => {
    const html = renderToStaticMarkup(
      <ErrorNotice
        error={{ code: 'already-initialized', message: 'This card is already set up.' }}
      />,
    );
    expect(html.split('This card is already set up.')).toHaveLength(2);
    expect(html).toContain('Factory-reset it first');
  });
});
