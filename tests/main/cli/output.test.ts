import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ERROR_HELP } from '../../../preload/errors';
import { LifeboatError } from '../../../main/errors';
import type { CliIo } from '../../../main/cli/io';
import { printError } from '../../../main/cli/output';
import { noSuchReader } from '../../../main/cli/reader-names';

function io(): { io: CliIo; err: () => string; out: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdin: new PassThrough(), stdout, stderr }, err: () => err, out: () => out };
}

describe('printError', () => {
  it('prints an error whose message is its help text once', async () => {
    const { io: cli, err } = io();
    expect(printError(cli, false, new LifeboatError('no-card'))).toBe(1);
    await new Promise(setImmediate);
    expect(err()).toBe(`Error (no-card): ${ERROR_HELP['no-card']}\n`);
  });

  it('adds the help text where it says more than the message', async () => {
    const { io: cli, err } = io();
    printError(cli, false, new LifeboatError('wrong-pin', 'Wrong PIN: 2 tries left.'));
    await new Promise(setImmediate);
    expect(err()).toBe(`Error (wrong-pin): Wrong PIN: 2 tries left.\n${ERROR_HELP['wrong-pin']}\n`);
  });
});

describe('noSuchReader', () => {
  it('lists the readers there are', () => {
    const error = noSuchReader('Virtual PCD 00 02', {
      state: 'ready',
      readers: [
        { name: 'Virtual PCD 00 00', state: 'waiting-for-card', cardSeq: 0 },
        { name: 'Virtual PCD 00 01', state: 'card-present', cardSeq: 1 },
      ],
    });
    expect(error).toMatchObject({
      code: 'reader-not-found',
      message:
        'There is no reader named "Virtual PCD 00 02". The readers here: "Virtual PCD 00 00", "Virtual PCD 00 01".',
      details: { reader: 'Virtual PCD 00 02', readers: 'Virtual PCD 00 00, Virtual PCD 00 01' },
    });
    expect(noSuchReader('X', { state: 'no-reader', readers: [] }).message).toBe(
      'There is no reader named "X". No reader is connected.',
    );
  });
});
