// CardService over the real bench: pcscd + vpcd + a simulated Keycard. What a caller holding
// a session id learns when the card leaves under it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CardEvent } from '../../../preload/api';
import { CardService } from '../../../main/cards/card-service';
import { keyFileSecretBox } from '../../../main/cards/keycard/key-file-box';
import { FilePairingStore } from '../../../main/cards/keycard/pairing-store';
import type { PcscReaders } from '../../../main/cards/pcsc/pcsc-readers';
import { SimulatedKeycard, insertIntoReader } from '../../sim/keycard';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { benchReaders } from '../../support/bench-readers';
import { VpcdCard } from '../../support/vpcd-card';
import { waitFor } from '../../support/wait';

const READER = 'Virtual PCD 00 01';
const SETUP = { pin: '246810', puk: '135791357913', pairingPassword: 'KeycardDefaultPairing' };

let pcscd: PcscdHandle;
let readers: PcscReaders;
let service: CardService;
let dir: string;

beforeAll(async () => {
  pcscd = await ensurePcscd();
  readers = benchReaders();
  await readers.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-card-service-'));
  service = new CardService({
    readers,
    pairings: new FilePairingStore(dir, await keyFileSecretBox(dir)),
    trustedCaKeys: () => [],
  });
});

afterAll(async () => {
  await service?.dispose();
  await readers?.stop();
  if (pcscd?.owned) await pcscd.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('tells a caller whose card was pulled that the card was removed, not that the id is unknown', async () => {
  const slot = await insertIntoReader(SimulatedKeycard.initialized(SETUP), READER);
  try {
    const events: CardEvent[] = [];
    service.onEvent((e) => events.push(e));
    await waitFor(
      () => (readers.snapshot().readers.find((r) => r.name === READER)?.atr ? true : undefined),
      3000,
      'the card in the reader',
    );
    const opened = await service.open(READER);
    expect(events).toContainEqual({ type: 'session-changed', session: opened });
    await service.pair(opened.sessionId);

    await slot.remove();
    await waitFor(
      () => events.find((e) => e.type === 'session-closed' && e.reason === 'card-removed'),
      3000,
      'the session closed by the removal',
    );
    await expect(service.unlock(opened.sessionId, SETUP.pin)).rejects.toMatchObject({
      code: 'card-removed',
    });
    await expect(service.status('no-such-session')).rejects.toMatchObject({ code: 'not-found' });
  } finally {
    await slot.remove();
  }
});

it('spends at most one PIN try per entry when the answers are lost, and sends none at zero', async () => {
  // Between pcscd and the simulated card: the card runs every VERIFY PIN, but its answer
  // comes back as a bare 6982, as from a card that dropped the secure channel.
  const card = SimulatedKeycard.initialized(SETUP);
  const verifySentAt: number[] = [];
  const vpcd = new VpcdCard({
    atr: card.atr,
    onReset: () => card.reset(),
    handle: (apdu) => {
      const verify = apdu[0] === 0x80 && apdu[1] === 0x20;
      if (verify) verifySentAt.push(card.state.pinTriesLeft);
      const answer = card.transmit(apdu);
      return verify ? Uint8Array.of(0x69, 0x82) : answer;
    },
  });
  await vpcd.insert(READER);
  try {
    await waitFor(
      () => (readers.snapshot().readers.find((r) => r.name === READER)?.atr ? true : undefined),
      3000,
      'the card in the reader',
    );
    const { sessionId } = await service.open(READER);
    await service.pair(sessionId);
    const outcomes: unknown[] = [];
    for (let entry = 0; entry < 5; entry += 1) {
      outcomes.push(await service.unlock(sessionId, '000000').catch((error: unknown) => error));
      // After every entry the console knows what the card reports, not a guess.
      expect(service.view(sessionId).status?.pinTries).toBe(card.state.pinTriesLeft);
    }
    expect(verifySentAt).toEqual([3, 2, 1]);
    expect(outcomes.slice(0, 3)).toEqual(
      [2, 1, 0].map((pinTries) =>
        expect.objectContaining({
          code: 'answer-lost',
          details: expect.objectContaining({ pinTries }),
        }),
      ),
    );
    expect(outcomes.slice(3)).toEqual([
      { unlocked: false, pinTries: 0 },
      { unlocked: false, pinTries: 0 },
    ]);
  } finally {
    card.reset();
    await vpcd.remove();
  }
});
