// Loaded into a `lifeboat` process by the crash tests (node --import): the process kills
// itself with SIGKILL right after the Nth save of a case file (the atomic rename onto
// case.json), N from LIFEBOAT_KILL_AFTER_SAVE, so a test can stop a sweep at exactly each
// persisted point. Nothing in Lifeboat itself knows about it.
import fs from 'node:fs';

const limit = Number(process.env.LIFEBOAT_KILL_AFTER_SAVE);
let saves = 0;
const rename = fs.renameSync;

fs.renameSync = (from: fs.PathLike, to: fs.PathLike): void => {
  rename(from, to);
  if (String(to).endsWith('/case.json')) {
    saves += 1;
    if (saves === limit) process.kill(process.pid, 'SIGKILL');
  }
};
