// The journeys hold the PC/SC test bench for the whole run, so the system's pcscd is
// stopped once (and started again once), and no other run slips in between two journeys.
// Each journey's demo shares this hold: the lock is re-entrant for the processes started
// under it, and Playwright's workers are.
import { holdBench } from '../support/bench';
import { foreignPcscdNotice, pcscdBinary } from '../support/pcscd';

export default async function globalSetup(): Promise<() => void> {
  pcscdBinary();
  const release = await holdBench('e2e journeys');
  try {
    const notice = await foreignPcscdNotice();
    if (notice) process.stderr.write(`e2e journeys: ${notice}\n`);
  } catch (error) {
    release();
    throw error;
  }
  return release;
}
