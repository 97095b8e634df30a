// Compiles the Solidity fixtures of the local test chain (tests/fixtures/contracts/*.sol) with
// the bundled solcjs, offline, and writes one ABI + bytecode JSON per contract next to them.
// The JSON files are committed, so tests never compile; rerun this after editing a source:
//   npx tsx scripts/compile-test-contracts.ts
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import solc from 'solc';

const DIR = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../tests/fixtures/contracts',
);
// Cancun runs on every hardfork the local node offers and on the chains Lifeboat targets.
const EVM_VERSION = 'cancun';

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<
    string,
    Record<
      string,
      {
        abi: unknown[];
        evm: { bytecode: { object: string }; deployedBytecode: { object: string } };
      }
    >
  >;
}

const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.sol'))
  .sort();
const sources = Object.fromEntries(
  files.map((f) => [f, { content: fs.readFileSync(path.join(DIR, f), 'utf8') }]),
);
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: EVM_VERSION,
    optimizer: { enabled: true, runs: 200 },
    outputSelection: {
      '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] },
    },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
const problems = (output.errors ?? []).filter((e) => e.severity === 'error');
if (problems.length > 0) {
  for (const p of problems) process.stderr.write(`${p.formattedMessage}\n`);
  process.exit(1);
}
for (const [file, contracts] of Object.entries(output.contracts)) {
  for (const [name, contract] of Object.entries(contracts)) {
    const artifact = {
      contractName: name,
      source: file,
      sourceSha256: createHash('sha256').update(sources[file]!.content).digest('hex'),
      compiler: { version: solc.version(), evmVersion: EVM_VERSION, optimizerRuns: 200 },
      abi: contract.abi,
      bytecode: `0x${contract.evm.bytecode.object}`,
      deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
    };
    fs.writeFileSync(path.join(DIR, `${name}.json`), `${JSON.stringify(artifact, null, 2)}\n`);
    process.stdout.write(`${name}.json\n`);
  }
}
