// A card of a wallet's set starts empty: the step never offers to write the wallet over a card
// that holds one (found walking the console: the card's help asked to confirm a replacement
// that this step has no way to confirm).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CardSessionView } from '../../../preload/api';
import { SetCardStep } from '../../../renderer/survive/SetCardStep';

function session(keyUid: string | undefined): CardSessionView {
  return {
    sessionId: 'session-1',
    reader: 'Virtual PCD 00 00',
    unlocked: true,
    info: { family: 'keycard', initialized: true, ...(keyUid ? { keyUid } : {}) },
  } as unknown as CardSessionView;
}

const load = () => Promise.reject(new Error('not called'));
const noop = () => undefined;

describe('SetCardStep', () => {
  it('names and loads an empty card', () => {
    const html = renderToStaticMarkup(
      <SetCardStep index={0} total={2} session={session(undefined)} load={load} onLoaded={noop} />,
    );
    expect(html).toContain('Put the wallet on this card');
    expect(html).toContain('Card 1');
  });

  it('asks for another card, and offers no loading, when the card holds a wallet', () => {
    const html = renderToStaticMarkup(
      <SetCardStep
        index={1}
        total={2}
        session={session('ab'.repeat(32))}
        load={load}
        onLoaded={noop}
      />,
    );
    expect(html).toContain('This card already holds a wallet');
    expect(html).toContain('Use another card');
    expect(html).not.toContain('Put the wallet on this card');
    expect(html).not.toContain('confirm that you want to replace it');
  });
});
