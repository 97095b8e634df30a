// How a command that runs a sweep case ends, for `lifeboat sweep` and `lifeboat safe sweep`
// alike: a finished case prints its report; one that stopped prints the report so far, what
// stopped it, and the command that continues it.
import type { SweepReport } from '../../preload/api';
import { isErrorCode } from '../../preload/errors';
import type { CaseRecord } from '../cases/case-record';
import { caseView } from '../cases/case-views';
import { LifeboatError } from '../errors';
import type { CliIo } from './io';
import { EXIT, printError, printResult } from './output';

export function printCaseOutcome(
  io: CliIo,
  json: boolean,
  record: CaseRecord,
  report: SweepReport,
  options: {
    /** Fields the command adds to its JSON result. */
    extra?: Record<string, unknown>;
    /** The command that continues a paused case, as a person would type it. */
    continueWith: string;
  },
): number {
  const view = caseView(record);
  const result = {
    caseId: record.caseId,
    state: record.state,
    ...options.extra,
    plan: view.plan,
    steps: view.steps,
    assets: report.assets,
    ...(record.stopped
      ? { error: { code: record.stopped.code, message: record.stopped.message } }
      : {}),
  };
  if (record.state === 'finished') {
    printResult(io, json, result, () => report.text);
    return EXIT.ok;
  }
  if (json) {
    io.stdout.write(`${JSON.stringify(result)}\n`);
    return EXIT.failed;
  }
  io.stdout.write(`${report.text}\n`);
  const stopped = record.stopped;
  const code = printError(
    io,
    false,
    new LifeboatError(
      stopped && isErrorCode(stopped.code) ? stopped.code : 'internal',
      stopped?.message,
    ),
  );
  io.stderr.write(
    record.state === 'paused'
      ? `The case is paused. Continue it with: ${options.continueWith}\n`
      : 'The case cannot continue.\n',
  );
  return code;
}
