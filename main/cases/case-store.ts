// Recovery cases on disk: <dataDir>/cases/<caseId>/case.json (replaced atomically on every
// change) and log.jsonl (one secret-free line per event, appended and flushed). A case file
// that does not pass its schema is reported as `case-corrupt` and never half-used.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LifeboatError } from '../errors';
import { appendLineDurable, syncDirectory, writeFileAtomic } from '../atomic-file';
import { lockCase, type CaseLock } from './case-lock';
import { caseRecordSchema, serializeCase, type CaseRecord } from './case-record';

const CASE_FILE = 'case.json';
const LOG_FILE = 'log.jsonl';
const CASE_ID = /^[a-z0-9-]{8,64}$/;

export type LogEvent = Record<string, string | number | boolean | null>;

export class CaseStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'cases');
  }

  static newCaseId(now = new Date()): string {
    const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    return `${stamp}-${randomBytes(4).toString('hex')}`.toLowerCase();
  }

  dir(caseId: string): string {
    if (!CASE_ID.test(caseId)) {
      throw new LifeboatError('case-not-found', 'That is not a case id.', {
        caseId: caseId.slice(0, 64),
      });
    }
    return path.join(this.root, caseId);
  }

  /** Writes a new case; fails if the id exists. */
  create(record: CaseRecord): void {
    const dir = this.dir(record.caseId);
    fs.mkdirSync(this.root, { recursive: true, mode: 0o700 });
    fs.mkdirSync(dir, { mode: 0o700 });
    syncDirectory(this.root);
    writeFileAtomic(path.join(dir, CASE_FILE), serializeCase(record));
  }

  save(record: CaseRecord): void {
    writeFileAtomic(path.join(this.dir(record.caseId), CASE_FILE), serializeCase(record));
  }

  load(caseId: string): CaseRecord {
    const file = path.join(this.dir(caseId), CASE_FILE);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new LifeboatError('case-not-found', undefined, { caseId });
      }
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new LifeboatError('case-corrupt', undefined, { caseId });
    }
    const parsed = caseRecordSchema.safeParse(json);
    if (!parsed.success || parsed.data.caseId !== caseId) {
      throw new LifeboatError('case-corrupt', undefined, { caseId });
    }
    return parsed.data;
  }

  /** Every case id on disk, newest first. */
  ids(): string[] {
    let entries: string[];
    try {
      entries = fs.readdirSync(this.root);
    } catch {
      return [];
    }
    return entries
      .filter((e) => CASE_ID.test(e))
      .sort()
      .reverse();
  }

  lock(caseId: string): CaseLock {
    return lockCase(this.dir(caseId), caseId);
  }

  log(caseId: string, event: LogEvent): void {
    appendLineDurable(
      path.join(this.dir(caseId), LOG_FILE),
      JSON.stringify({ at: new Date().toISOString(), ...event }),
    );
  }

  /** The log's events; a line cut short by a crash is skipped. */
  readLog(caseId: string): LogEvent[] {
    let text: string;
    try {
      text = fs.readFileSync(path.join(this.dir(caseId), LOG_FILE), 'utf8');
    } catch {
      return [];
    }
    return text.split('\n').flatMap((line) => {
      if (line.trim() === '') return [];
      try {
        return [JSON.parse(line) as LogEvent];
      } catch {
        return [];
      }
    });
  }

  writeReport(caseId: string, json: object, text: string): void {
    const dir = this.dir(caseId);
    writeFileAtomic(path.join(dir, 'report.json'), `${JSON.stringify(json, null, 2)}\n`);
    writeFileAtomic(path.join(dir, 'report.txt'), text.endsWith('\n') ? text : `${text}\n`);
  }
}
