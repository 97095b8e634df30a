// Static renders of the components that carry meaning in their markup: the identicon's cells
// and the grouped address that is read out whole.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AddressGroups } from '../../../renderer/components/AddressGroups';
import { Identicon } from '../../../renderer/components/Identicon';
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
