import { describe, expect, it } from 'vitest';
import { BIP39_VECTORS, expectedWallet, SLIP39_VECTORS } from '../secrets/vectors';
import { runCli, runCliAtTerminal, runCliProcess } from './cli-harness';

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const APPLET =
  'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal will';

describe('lifeboat phrase fingerprint', () => {
  it('prints the Keycard key UID of the applet vector and its first BIP-44 addresses', async () => {
    const run = await runCli(['phrase', 'fingerprint', '--json'], lines(APPLET, '', ''));
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.keyUid).toBe('b98373b5f78c88bdd753fe8fc3e3300bc8060d8b723a10ea062ca63554a23e7a');
    expect(Object.keys(result)).toEqual(['keyUid', 'addresses']);
    expect(result.addresses).toHaveLength(5);
  });

  it('applies the passphrase line', async () => {
    const vector = BIP39_VECTORS.english![9]!;
    const run = await runCli(
      ['phrase', 'fingerprint', '--json'],
      lines(vector.phrase, '', 'TREZOR'),
    );
    expect(JSON.parse(run.stdout)).toEqual(expectedWallet(vector.seed));
    const text = await runCli(['phrase', 'fingerprint'], lines(vector.phrase, '', 'TREZOR'));
    expect(text.stdout).toContain(`Key UID: ${expectedWallet(vector.seed).keyUid}`);
  });

  it('asks for the phrase and the passphrase at a terminal, neither shown as typed', async () => {
    const vector = BIP39_VECTORS.english![4]!;
    const run = await runCliAtTerminal(
      ['phrase', 'fingerprint', '--json'],
      [vector.phrase, 'TREZOR'],
    );
    expect(run.hidden).toEqual([true, true]);
    expect(run.stderr).toBe('Recovery phrase: \nPassphrase (empty for none): \n');
    expect(JSON.parse(run.stdout)).toEqual(expectedWallet(vector.seed));
  });

  it('does not show the phrase being checked at a terminal either', async () => {
    const run = await runCliAtTerminal(['phrase', 'check', '--json'], [APPLET]);
    expect(run.hidden).toEqual([true]);
    expect(run.code).toBe(0);
  });

  it('refuses a Shamir share', async () => {
    const run = await runCli(
      ['phrase', 'fingerprint', '--json'],
      lines(SLIP39_VECTORS[0]!.mnemonics[0]!, '', ''),
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).error.code).toBe('wrong-input-kind');
  });

  it('works as a real process', () => {
    const run = runCliProcess(['phrase', 'fingerprint', '--json'], lines(APPLET, '', ''));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).keyUid).toBe(
      'b98373b5f78c88bdd753fe8fc3e3300bc8060d8b723a10ea062ca63554a23e7a',
    );
  });
});

describe('lifeboat phrase check', () => {
  it('says which language and how many words', async () => {
    const run = await runCli(
      ['phrase', 'check', '--json'],
      lines(BIP39_VECTORS.japanese![2]!.phrase),
    );
    expect(JSON.parse(run.stdout)).toEqual({ valid: true, language: 'japanese', words: 12 });
    const text = await runCli(['phrase', 'check'], lines(APPLET));
    expect(text.stdout).toBe('The 18-word english recovery phrase is valid.\n');
  });

  it('names the wrong word', async () => {
    const typo = APPLET.replace('sausage', 'sausag');
    const run = await runCli(['phrase', 'check', '--json'], lines(typo));
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        code: 'invalid-word',
        message: 'Word 6 is not in the BIP-39 word list. Check its spelling.',
        wordIndex: 5,
      },
    });
    const checksum = await runCli(
      ['phrase', 'check', '--json'],
      lines(APPLET.replace(/will$/, 'wall')),
    );
    expect(JSON.parse(checksum.stdout).error).toMatchObject({ code: 'invalid-mnemonic-checksum' });
  });

  it('explains its usage', async () => {
    expect((await runCli(['phrase'], '')).code).toBe(2);
    expect((await runCli(['phrase', 'check', '--bogus'], '')).code).toBe(2);
    expect((await runCli(['phrase', 'nope'], '')).stderr).toContain('lifeboat phrase check');
  });
});
