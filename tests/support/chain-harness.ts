// Lifeboat's chain service wired for tests: one or more local nodes as networks, seeds held
// in a vault like the console holds them, cases in a temporary directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SourceRef } from '../../preload/api';
import { customNetwork, type Network } from '../../main/chain/networks';
import type { Token } from '../../main/chain/tokens';
import { DiscoveryCache } from '../../main/recovery/discovery-cache';
import { RecoveryService } from '../../main/recovery/recovery-service';
import { Vault } from '../../main/secrets/vault';
import { seedAccess } from '../../main/sources/seed-source';
import type { SourceAccess } from '../../main/sources/source-access';

const OWNER = 'test';

export interface Harness {
  service: RecoveryService;
  vault: Vault;
  dataDir: string;
  /** Puts a seed in the vault and returns the source that names it. */
  secret(seed: Uint8Array): SourceRef;
  close(): Promise<void>;
}

export function localNetwork(chainId: number, url: string): Network {
  return customNetwork({ chainId, rpcUrls: [url] });
}

export function harness(options: {
  networks: () => Network[];
  tokens?: Record<string, Token[]>;
  gapLimit?: number;
  maxFeePerGas?: bigint;
  pendingTimeoutMs?: number;
  /** How often the case looks at the chain (default 20 ms: tests mine on demand). */
  pollMs?: number;
  /** False runs a case one step at a time, each to the end (the order before pipelining). */
  parallel?: boolean;
}): Harness {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-chain-'));
  const vault = new Vault();
  const access = (secretId: string): SourceAccess => {
    const useSeed = <T>(fn: (seed: Uint8Array) => T): T => vault.use(secretId, OWNER, fn);
    return seedAccess(useSeed);
  };
  const service = new RecoveryService({
    dataDir,
    networks: options.networks,
    tokens: (id) => options.tokens?.[id] ?? [],
    defaults: () => ({
      schemes: ['bip44'],
      gapLimit: options.gapLimit ?? 3,
      ...(options.maxFeePerGas === undefined ? {} : { maxFeePerGas: options.maxFeePerGas }),
    }),
    source: async (ref) => {
      if (ref.kind !== 'secret') throw new Error('the test harness holds secrets only');
      return access(ref.secretId);
    },
    discoveries: new DiscoveryCache(),
    pollMs: options.pollMs ?? 20,
    ...(options.parallel === undefined ? {} : { parallel: options.parallel }),
    rpc: { timeoutMs: 5000 },
    ...(options.pendingTimeoutMs === undefined
      ? {}
      : { pendingTimeoutMs: options.pendingTimeoutMs }),
  });
  return {
    service,
    vault,
    dataDir,
    secret: (seed) => ({
      kind: 'secret',
      secretId: vault.put(seed.slice(), { owner: OWNER, kind: 'bip39' }),
    }),
    async close() {
      await service.stop();
      vault.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
