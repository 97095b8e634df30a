import { describe, expect, it } from 'vitest';
import { expectedWallet, SLIP39_VECTORS } from '../secrets/vectors';
import { runCli, runCliAtTerminal, runCliProcess } from './cli-harness';

const basic = SLIP39_VECTORS[3]!; // 2-of-3, passphrase TREZOR
const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('lifeboat shares combine', () => {
  it('prints the key UID and first five BIP-44 addresses as one JSON object', async () => {
    const run = await runCli(
      ['shares', 'combine', '--json'],
      lines(...basic.mnemonics, '', 'TREZOR'),
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expectedWallet(basic.masterSecret));
    expect(run.stdout).not.toContain(basic.masterSecret);
  });

  it('shows the master secret only with --reveal', async () => {
    const input = lines(...SLIP39_VECTORS[16]!.mnemonics, '', 'TREZOR');
    const json = await runCli(['shares', 'combine', '--json', '--reveal'], input);
    expect(JSON.parse(json.stdout)).toEqual({
      ...expectedWallet(SLIP39_VECTORS[16]!.masterSecret),
      masterSecret: SLIP39_VECTORS[16]!.masterSecret,
    });
    const text = await runCli(['shares', 'combine', '--reveal'], input);
    const { keyUid, addresses } = expectedWallet(SLIP39_VECTORS[16]!.masterSecret);
    expect(text.stdout).toBe(
      [
        `Key UID: ${keyUid}`,
        "BIP-44 addresses (m/44'/60'/0'/0/i):",
        ...addresses.map((a, i) => `  ${i}  ${a}`),
        `Master secret: ${SLIP39_VECTORS[16]!.masterSecret}`,
        '',
      ].join('\n'),
    );
  });

  it('takes a missing passphrase line as the empty passphrase', async () => {
    const vector = SLIP39_VECTORS[0]!;
    const withEmpty = await runCli(
      ['shares', 'combine', '--json'],
      lines(...vector.mnemonics, '', ''),
    );
    const atEnd = await runCli(['shares', 'combine', '--json'], lines(...vector.mnemonics));
    expect(withEmpty.code).toBe(0);
    expect(atEnd.stdout).toBe(withEmpty.stdout);
  });

  it.each([
    [6, 'share-mismatch', { field: 'identifier', shareIndex: 1 }],
    [5, 'insufficient-shares', {}],
    [13, 'invalid-digest', {}],
    [2, 'invalid-share-checksum', { wordIndex: 19, shareIndex: 0 }],
  ] as const)(
    'vector %i: exits non-zero with {"error":{"code":"%s",…}}',
    async (n, code, details) => {
      const run = await runCli(
        ['shares', 'combine', '--json'],
        lines(...SLIP39_VECTORS[n - 1]!.mnemonics, '', 'TREZOR'),
      );
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toEqual({
        error: { code, message: expect.any(String), ...details },
      });
    },
  );

  it('says in words what is wrong without --json', async () => {
    const run = await runCli(['shares', 'combine'], lines(SLIP39_VECTORS[4]!.mnemonics[0]!, ''));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Error \(insufficient-shares\): 1 more complete group is needed/);
  });

  it('refuses a BIP-39 phrase given as a share', async () => {
    const phrase = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
    const run = await runCli(['shares', 'combine', '--json'], lines(phrase, '', ''));
    expect(JSON.parse(run.stdout).error.code).toBe('wrong-input-kind');
  });

  it('checks each share as it is typed at a terminal, and asks again after a mistake', async () => {
    const [first, second] = basic.mnemonics as [string, string];
    const typo = first
      .split(' ')
      .map((w, i) => (i === 8 ? 'zero' : w))
      .join(' ');
    const run = await runCliAtTerminal(['shares', 'combine'], [typo, first, second, 'TREZOR']);
    expect(run.code).toBe(0);
    // Shares and passphrase are typed without being shown.
    expect(run.hidden).toEqual([true, true, true, true]);
    expect(run.stderr).toContain(
      '✗ This share does not pass its checksum: word 9 is probably mistyped. Enter it again.',
    );
    expect(run.stderr).toContain(
      '✓ Share accepted. group 1: 1 of 2 shares; 0 of 1 groups complete',
    );
    expect(run.stderr).toContain(
      '✓ Share accepted. group 1: 2 of 2 shares (complete); 1 of 1 groups complete',
    );
    expect(run.stderr).toContain('Stretching the key: 4 of 4');
    expect(run.stdout).toContain(`Key UID: ${expectedWallet(basic.masterSecret).keyUid}`);
  });

  it('works as a real process', () => {
    const run = runCliProcess(
      ['shares', 'combine', '--json'],
      lines(...basic.mnemonics, '', 'TREZOR'),
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expectedWallet(basic.masterSecret));
  });
});

describe('lifeboat shares split', () => {
  const secret = '0123456789abcdeffedcba9876543210';

  it('prints shares by group that combine back to the secret', async () => {
    const split = await runCli(
      [
        'shares',
        'split',
        '--group-threshold',
        '2',
        '--group',
        '2-of-3',
        '--group',
        '1-of-1',
        '--group',
        '3-of-5',
        '--extendable',
        '--iteration-exponent',
        '0',
        '--json',
      ],
      lines(secret, 'pass phrase'),
    );
    expect(split.code).toBe(0);
    const { groups } = JSON.parse(split.stdout) as { groups: string[][] };
    expect(groups.map((g) => g.length)).toEqual([3, 1, 5]);
    for (const share of groups.flat()) expect(share.split(' ')).toHaveLength(20);

    const combined = await runCli(
      ['shares', 'combine', '--json', '--reveal'],
      lines(groups[2]![4]!, groups[1]![0]!, groups[2]![0]!, groups[2]![1]!, '', 'pass phrase'),
    );
    expect(JSON.parse(combined.stdout).masterSecret).toBe(secret);
  });

  it('prints readable groups without --json', async () => {
    const run = await runCli(
      ['shares', 'split', '--group', '2-of-3', '--iteration-exponent', '0'],
      lines(secret, ''),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Group 1: any 2 of these 3 shares\n {2}1\. (\w+ ){19}\w+\n {2}2\. /,
    );
    expect(run.stdout).not.toContain('groups rebuild');
    const two = await runCli(
      ['shares', 'split', '--group-threshold', '2', '--group', '2-of-2', '--group', '1-of-1'],
      lines(secret, ''),
    );
    expect(two.stdout).toMatch(
      /\n\nGroup 2: any 1 of these 1 shares\n {2}1\. .+\n\nAny 2 of the 2 groups rebuild the secret\.\n$/,
    );
  });

  it('refuses settings that cannot work before asking for the secret', async () => {
    const run = await runCliAtTerminal(
      ['shares', 'split', '--group-threshold', '3', '--group', '2-of-3'],
      [secret, ''],
    );
    expect(run.code).toBe(1);
    expect(run.hidden).toEqual([]);
    expect(run.stderr).not.toContain('Master secret');
    expect(run.stderr).toContain('Those Shamir backup settings are not valid.');
  });

  it('refuses bad settings and a bad secret with typed errors', async () => {
    const bad = await runCli(
      ['shares', 'split', '--group-threshold', '3', '--group', '2-of-3', '--json'],
      lines(secret, ''),
    );
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error.code).toBe('invalid-split-parameters');

    const hex = await runCli(['shares', 'split', '--group', '2-of-3', '--json'], lines('xyz', ''));
    expect(JSON.parse(hex.stdout).error.code).toBe('invalid-secret');

    const usage = await runCli(['shares', 'split', '--group', 'two of three', '--json'], '');
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout).error.code).toBe('invalid-request');

    const none = await runCli(['shares', 'split', '--json'], '');
    expect(none.code).toBe(2);
  });
});

describe('lifeboat shares check', () => {
  it('does not show the shares being checked at a terminal', async () => {
    const run = await runCliAtTerminal(['shares', 'check', '--json'], [basic.mnemonics[0]!, '']);
    expect(run.hidden).toEqual([true, true]);
    expect(run.code).toBe(0);
  });

  it('validates shares without combining', async () => {
    const run = await runCli(['shares', 'check', '--json'], lines(basic.mnemonics[0]!, ''));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      sharesEntered: 1,
      groupThreshold: 1,
      groups: [{ groupIndex: 0, memberThreshold: 2, entered: 1, complete: false }],
      complete: false,
    });
    const text = await runCli(['shares', 'check'], lines(...basic.mnemonics));
    expect(text.stdout).toBe('All 2 shares are valid and enough to rebuild the secret.\n');
  });

  it('names the share and the word at fault', async () => {
    const share = basic.mnemonics[1]!.replace(/^(\S+ \S+) \S+/, '$1 qwerty');
    const run = await runCli(['shares', 'check', '--json'], lines(basic.mnemonics[0]!, share));
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        code: 'invalid-word',
        message: 'Share 2: Word 3 is not a SLIP-39 word. Check its spelling.',
        shareIndex: 1,
        wordIndex: 2,
      },
    });
  });

  it('explains its usage', async () => {
    expect((await runCli(['shares'], '')).code).toBe(2);
    expect((await runCli(['shares', '--help'], '')).stdout).toContain('lifeboat shares combine');
    const unknown = await runCli(['shares', 'frobnicate', '--json'], '');
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error.code).toBe('invalid-request');
  });
});
