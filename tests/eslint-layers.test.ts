// The layers inside main are enforced by lint (eslint.config.js, DESIGN.md); these probes
// prove each rule bites in the direction it forbids and lets the allowed direction through.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
}

const probe = (from: string) => `import { x } from '${from}'; export const y = x;`;

describe('layers inside main (eslint.config.js)', () => {
  it.each([
    ['main/chain/probe.ts', '../cases/case-record'],
    ['main/chain/probe.ts', '../cards/card-service'],
    ['main/chain/probe.ts', '../secrets/derivation'],
    ['main/chain/probe.ts', '../sources/source-resolver'],
    ['main/chain/probe.ts', '../recovery/recovery-service'],
    ['main/chain/probe.ts', '../settings'],
    ['main/chain/evm/probe.ts', '../../cases/step-loop'],
    ['main/cards/probe.ts', '../chain/connection'],
    ['main/cards/keycard/probe.ts', '../../cases/drills'],
    ['main/secrets/probe.ts', '../cards/card-service'],
    ['main/secrets/probe.ts', '../chain/networks'],
    ['main/sources/probe.ts', '../cases/case-service'],
    ['main/sources/probe.ts', '../recovery/discovery-cache'],
    ['main/cases/probe.ts', '../sources/source-resolver'],
    ['main/cases/probe.ts', '../recovery/run-sweep'],
    ['main/cases/probe.ts', '../secrets/vault'],
    ['main/recovery/probe.ts', '../ipc/chain-handlers'],
    ['main/recovery/probe.ts', '../cli/sweep'],
    ['main/settings.ts', './cards/keycard/attestation'],
  ])('fails %s importing %s', async (file, from) => {
    expect(await restricted(file, probe(from))).toBe(true);
  });

  it.each([
    ['main/chain/evm/probe.ts', '../sweep-plan'],
    ['main/sources/probe.ts', '../chain/discovery'],
    ['main/sources/probe.ts', '../secrets/derivation'],
    ['main/sources/probe.ts', '../cards/card-service'],
    ['main/cases/probe.ts', '../chain/sweep-plan'],
    ['main/recovery/probe.ts', '../cases/case-run'],
    ['main/recovery/probe.ts', '../sources/source-access'],
    ['main/ipc/probe.ts', '../recovery/recovery-service'],
    ['main/settings.ts', './chain/networks'],
  ])('lets %s import %s', async (file, from) => {
    expect(await restricted(file, probe(from))).toBe(false);
  });

  it('still keeps pcsclite inside main/cards/pcsc within the layers', async () => {
    const code = "import pcsc from 'pcsclite'; export const x = pcsc;";
    expect(await restricted('main/chain/probe.ts', code)).toBe(true);
    expect(await restricted('main/cards/keycard/probe.ts', code)).toBe(true);
    expect(await restricted('main/cards/pcsc/probe.ts', code)).toBe(false);
  });
});
