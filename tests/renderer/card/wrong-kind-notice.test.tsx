// A Seedkeeper where a wallet card is wanted: the way on to "rebuild from this backup card"
// only when the card keeps something, i.e. has been set up.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CardSessionView } from '../../../preload/api';
import { SEEDKEEPER_RULES } from '../../../main/cards/seedkeeper/driver';
import { WrongKindNotice } from '../../../renderer/card/WrongKindNotice';

function seedkeeper(initialized: boolean): CardSessionView {
  return {
    sessionId: 's4',
    reader: 'Virtual PCD 00 01',
    cardSeq: 1,
    info: {
      family: 'seedkeeper',
      version: '0.2-0.1',
      initialized,
      rules: SEEDKEEPER_RULES,
      capabilities: ['attest', 'change-pin', 'unblock', 'backup-secrets'],
    },
    paired: false,
    unlocked: false,
  };
}

const noop = () => undefined;

describe('WrongKindNotice', () => {
  it('offers to rebuild from a set-up backup card given as the card with the funds', () => {
    const html = renderToStaticMarkup(
      <WrongKindNotice
        session={seedkeeper(true)}
        wanted="wallet"
        purpose="source"
        onRebuild={noop}
      />,
    );
    expect(html).toContain('This is a backup card');
    expect(html).toContain('Rebuild from a backup card');
  });

  it('does not offer to rebuild from a blank backup card, and says it keeps nothing', () => {
    const html = renderToStaticMarkup(
      <WrongKindNotice
        session={seedkeeper(false)}
        wanted="wallet"
        purpose="source"
        onRebuild={noop}
      />,
    );
    expect(html).toContain('has never been set up');
    expect(html).not.toContain('Rebuild from a backup card');
    expect(html).not.toContain('rebuild the wallet from what this backup card keeps');
  });

  it('asks for a wallet card, not a rebuild, when the backup card was offered as the new card', () => {
    const html = renderToStaticMarkup(
      <WrongKindNotice
        session={seedkeeper(true)}
        wanted="wallet"
        purpose="new-card"
        onRebuild={noop}
      />,
    );
    expect(html).toContain('cannot hold the funds');
    expect(html).not.toContain('Rebuild from a backup card');
  });
});
