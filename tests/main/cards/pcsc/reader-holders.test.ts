import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readerHolders } from '../../../../main/cards/pcsc/reader-holders';

const READER = 'Virtual PCD 00 00';
const bases: string[] = [];
function base(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-holders-'));
  bases.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of bases.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('reader holders', () => {
  it('names the Lifeboat process that holds a reader until it lets go', () => {
    const where = base();
    const console = readerHolders('console', where);
    const command = readerHolders('command', where);
    expect(command.holderOf(READER)).toBeUndefined();
    const release = console.hold(READER);
    expect(command.holderOf(READER)).toEqual({ role: 'console', pid: process.pid });
    expect(command.holderOf('Virtual PCD 00 01')).toBeUndefined();
    release();
    expect(command.holderOf(READER)).toBeUndefined();
  });

  it('records nothing for a process that did not say what it is', () => {
    const where = base();
    readerHolders(undefined, where).hold(READER);
    expect(readerHolders('command', where).holderOf(READER)).toBeUndefined();
  });

  it('ignores a holder whose process has ended', () => {
    const where = base();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    readerHolders('console', where).hold(READER);
    const [file] = fs.readdirSync(path.join(where, `lifeboat-readers-${process.getuid!()}`));
    fs.writeFileSync(
      path.join(where, `lifeboat-readers-${process.getuid!()}`, file!),
      JSON.stringify({ role: 'console', pid: Number(dead.stdout) }),
    );
    expect(readerHolders('command', where).holderOf(READER)).toBeUndefined();
  });

  it('uses no folder that others can write, and never writes through a planted link', () => {
    const open = base();
    fs.mkdirSync(path.join(open, `lifeboat-readers-${process.getuid!()}`), { mode: 0o777 });
    fs.chmodSync(path.join(open, `lifeboat-readers-${process.getuid!()}`), 0o777);
    readerHolders('console', open).hold(READER);
    expect(fs.readdirSync(path.join(open, `lifeboat-readers-${process.getuid!()}`))).toEqual([]);

    const where = base();
    const holders = readerHolders('console', where);
    holders.hold('probe')();
    const dir = path.join(where, `lifeboat-readers-${process.getuid!()}`);
    const victim = path.join(where, 'victim');
    fs.writeFileSync(victim, 'untouched');
    const release = holders.hold(READER);
    const [file] = fs.readdirSync(dir);
    release();
    fs.symlinkSync(victim, path.join(dir, file!));
    holders.hold(READER);
    expect(fs.readFileSync(victim, 'utf8')).toBe('untouched');
    expect(fs.lstatSync(path.join(dir, file!)).isSymbolicLink()).toBe(false);
  });
});
