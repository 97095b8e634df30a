// Which Lifeboat process holds the card in which reader. A card is opened exclusively, so a
// second Lifeboat process (the command line while the console runs) finds the reader busy;
// with this record it can say that Lifeboat's own console holds the card, instead of blaming
// some other program. One small file per held reader in a private per-user folder; all of it
// is best effort: when the folder cannot be used, the busy message is only less specific.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Who this process is, in the words a person understands. */
export type HolderRole = 'console' | 'command';

export interface ReaderHolder {
  role: HolderRole;
  pid: number;
}

export interface ReaderHolders {
  /** Records that this process holds `reader`; the function given back releases it. */
  hold(reader: string): () => void;
  /** The live Lifeboat process recorded as holding `reader`, if any. */
  holderOf(reader: string): ReaderHolder | undefined;
}

/**
 * `$XDG_RUNTIME_DIR/lifeboat-readers`, else one in the temporary folder named for the user;
 * only a directory of this user that nobody else can read or write is used.
 */
function privateDir(base: string): string | undefined {
  const uid = process.getuid?.();
  const dir = path.join(base, uid === undefined ? 'lifeboat-readers' : `lifeboat-readers-${uid}`);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  try {
    const stat = fs.lstatSync(dir);
    const ownedAlone =
      stat.isDirectory() && (uid === undefined || stat.uid === uid) && (stat.mode & 0o077) === 0;
    return ownedAlone ? dir : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function fileFor(dir: string, reader: string): string {
  return path.join(dir, crypto.createHash('sha256').update(reader).digest('hex'));
}

function read(file: string): ReaderHolder | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { role, pid } = parsed as Record<string, unknown>;
    if ((role !== 'console' && role !== 'command') || !Number.isInteger(pid)) return undefined;
    return { role, pid: pid as number };
  } catch {
    return undefined;
  }
}

export function readerHolders(
  role: HolderRole | undefined,
  base = process.env.XDG_RUNTIME_DIR || os.tmpdir(),
): ReaderHolders {
  return {
    hold(reader) {
      const dir = role === undefined ? undefined : privateDir(base);
      if (!dir || role === undefined) return () => undefined;
      const file = fileFor(dir, reader);
      const record = JSON.stringify({ role, pid: process.pid });
      // A fresh file renamed into place: an existing entry, or a link planted there, is
      // replaced rather than written through.
      const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
      try {
        fs.writeFileSync(temp, record, { flag: 'wx', mode: 0o600 });
        fs.renameSync(temp, file);
      } catch {
        fs.rmSync(temp, { force: true });
        return () => undefined;
      }
      return () => {
        if (read(file)?.pid === process.pid) fs.rmSync(file, { force: true });
      };
    },
    holderOf(reader) {
      const dir = privateDir(base);
      if (!dir) return undefined;
      const holder = read(fileFor(dir, reader));
      return holder && alive(holder.pid) ? holder : undefined;
    },
  };
}
