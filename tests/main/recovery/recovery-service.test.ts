// The recovery service before any chain is reached: a person who put the network choice off
// and then starts a search is told that no network is chosen, not that a field is invalid.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscoveryCache } from '../../../main/recovery/discovery-cache';
import { RecoveryService } from '../../../main/recovery/recovery-service';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('RecoveryService.discover', () => {
  it('says no network is chosen when none is set up, before the source is opened', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-recovery-'));
    dirs.push(dataDir);
    let sourceOpened = false;
    const service = new RecoveryService({
      dataDir,
      networks: () => [],
      tokens: () => [],
      defaults: () => ({ schemes: ['bip44'], gapLimit: 3 }),
      source: () => {
        sourceOpened = true;
        throw new Error('the source is not needed');
      },
      discoveries: new DiscoveryCache(),
    });
    await expect(
      service.discover({ source: { kind: 'secret', secretId: 'none' } }),
    ).rejects.toMatchObject({ code: 'no-network-chosen' });
    expect(sourceOpened).toBe(false);
  });
});
