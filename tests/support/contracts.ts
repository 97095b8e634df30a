// The compiled test contracts (tests/fixtures/contracts/*.json, produced by
// scripts/compile-test-contracts.ts from the .sol files beside them).
import fs from 'node:fs';
import path from 'node:path';
import type { InterfaceAbi } from 'ethers';

export type ArtifactName = 'TestToken' | 'BatchReader' | 'PayableRecipient' | 'TestPriceFeed';

export interface Artifact {
  contractName: string;
  abi: InterfaceAbi;
  bytecode: string;
  deployedBytecode: string;
}

const DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/contracts');
const cache = new Map<ArtifactName, Artifact>();

export function loadArtifact(name: ArtifactName): Artifact {
  let artifact = cache.get(name);
  if (!artifact) {
    artifact = JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as Artifact;
    cache.set(name, artifact);
  }
  return artifact;
}
