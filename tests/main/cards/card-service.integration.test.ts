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
