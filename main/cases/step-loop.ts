// The persisted step loop of a recovery case, for any chain family: every step goes
// planned → signed → broadcast → included → confirmed (or failed), and its state is saved
// BEFORE the irreversible act that follows (sign → save → send → save → wait → save), so a
// crash at any instant resumes correctly: a signed transaction is only ever sent again as
// the identical bytes, and a step is signed again only when its driver says the earlier
// signature cannot be included.
//
// Steps run at once, as far as their driver allows: a step is signed once the steps it
// waits for are on chain, and sent once the steps it must follow have been sent, so
// broadcasting never waits for another step's inclusion. One signature is made at a time (a
// card signs one digest at a time). The first failure stops every step at its next safe
// point; what each had done by then is saved.
import { LifeboatError } from '../errors';

export type StepState = 'planned' | 'signed' | 'broadcast' | 'included' | 'confirmed' | 'failed';

export interface StepError {
  code: string;
  message: string;
  at: string;
}

export interface StepRecord<A, I> {
  index: number;
  state: StepState;
  attempts: A[];
  included?: I;
  confirmations?: number;
  error?: StepError;
}

/** Every signature of a step, and its inclusion, carry the transaction's hash. */
interface Hashed {
  hash: string;
  broadcastAt?: string;
}

/** What a chain family does for one step; the loop decides when, and saves the results. */
export interface StepDriver<Attempt, Inclusion, R> {
  /** Steps that must be on chain before this one is signed, and sent before it is sent. */
  waits(index: number): { onChain: readonly number[]; sent: readonly number[] };
  sign(index: number): Promise<Attempt>;
  replace(index: number, attempts: readonly Attempt[], reason: R): Promise<Attempt>;
  reconcile(
    index: number,
    attempts: readonly Attempt[],
  ): Promise<{ kind: 'included'; inclusion: Inclusion } | { kind: 'pending' }>;
  send(
    index: number,
    attempts: readonly Attempt[],
  ): Promise<{ kind: 'sent' } | { kind: 'replace'; reason: R } | { kind: 'later' }>;
  /** While the latest attempt waits: a reason to replace it, if there is one. */
  stale(index: number, attempts: readonly Attempt[]): Promise<R | undefined>;
  depth(
    index: number,
    inclusion: Inclusion,
  ): Promise<{ kind: 'reorged' } | { kind: 'deep'; confirmations: number; reverted: boolean }>;
}

export interface StepLoopOptions<A, I> {
  /** Saves the whole case (the steps are part of it) and reports the step that changed. */
  commit(step: StepRecord<A, I>, details?: Record<string, string | number | boolean>): void;
  /** Blocks that make a step final. */
  confirmations: number;
  pollMs: number;
  /** How long a sent step may wait for inclusion before the case pauses (`tx-pending`). */
  pendingTimeoutMs: number;
  /** False runs one step at a time, each to the end: the order before pipelining. */
  parallel: boolean;
  signal?: AbortSignal;
}

/** Drives every step to a final state, or throws the first failure once all have stopped. */
export async function runSteps<A extends Hashed, I extends Hashed, R>(
  steps: StepRecord<A, I>[],
  driver: StepDriver<A, I, R>,
  options: StepLoopOptions<A, I>,
): Promise<void> {
  const stop = new AbortController();
  const forward = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', forward, { once: true });
  const loop = new StepLoop(steps, driver, options, stop.signal);
  try {
    if (!options.parallel) {
      for (const step of steps) await loop.drive(step);
      return;
    }
    const results = await Promise.allSettled(
      steps.map((step) =>
        loop.drive(step).catch((error: unknown) => {
          stop.abort(error);
          throw error;
        }),
      ),
    );
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw loop.firstFailure ?? failed.reason;
  } finally {
    options.signal?.removeEventListener('abort', forward);
  }
}

/** A promise settled once, by whoever gets there first. */
class Flag {
  readonly done: Promise<void>;
  private open!: () => void;
  constructor() {
    this.done = new Promise((resolve) => (this.open = resolve));
  }
  raise(): void {
    this.open();
  }
}

const ON_CHAIN: readonly StepState[] = ['included', 'confirmed', 'failed'];
const SENT: readonly StepState[] = ['broadcast', ...ON_CHAIN];

/** Included, final or not: what a step waiting on this one needs. */
export function isOnChain(state: StepState): boolean {
  return ON_CHAIN.includes(state);
}

class StepLoop<A extends Hashed, I extends Hashed, R> {
  private readonly onChain = new Map<number, Flag>();
  private readonly sent = new Map<number, Flag>();
  private signing: Promise<unknown> = Promise.resolve();
  /** Rejects when the run is asked to stop: every wait races it. */
  private readonly stopped: Promise<never>;
  firstFailure: unknown;

  constructor(
    steps: StepRecord<A, I>[],
    private readonly driver: StepDriver<A, I, R>,
    private readonly options: StepLoopOptions<A, I>,
    private readonly signal: AbortSignal,
  ) {
    this.stopped = new Promise((_, reject) => {
      signal.addEventListener('abort', () => reject(cancelled()), { once: true });
    });
    // Nobody may be waiting when the run stops; the rejection is still handled.
    this.stopped.catch(() => undefined);
    for (const step of steps) {
      this.onChain.set(step.index, new Flag());
      this.sent.set(step.index, new Flag());
      this.mark(step);
    }
  }

  async drive(step: StepRecord<A, I>): Promise<void> {
    try {
      await this.run(step);
    } catch (error) {
      this.firstFailure ??= error;
      throw error;
    }
  }

  private async run(step: StepRecord<A, I>): Promise<void> {
    const waits = this.driver.waits(step.index);
    if (step.state === 'planned') await this.until(waits.onChain, this.onChain);
    let pendingSince: number | undefined;
    for (;;) {
      this.stopIfAsked();
      switch (step.state) {
        case 'confirmed':
        case 'failed':
          return;
        case 'planned':
          this.signed(step, await this.oneAtATime(() => this.driver.sign(step.index)));
          break;
        case 'signed': {
          const found = await this.driver.reconcile(step.index, step.attempts);
          if (found.kind === 'included') {
            this.include(step, found.inclusion);
            break;
          }
          await this.until(waits.sent, this.sent);
          this.stopIfAsked();
          const outcome = await this.driver.send(step.index, step.attempts);
          if (outcome.kind === 'replace') {
            await this.replace(step, outcome.reason);
          } else if (outcome.kind === 'later') {
            await this.pause();
          } else {
            step.attempts.at(-1)!.broadcastAt ??= new Date().toISOString();
            step.state = 'broadcast';
            pendingSince = Date.now();
            this.commit(step, { hash: step.attempts.at(-1)!.hash });
          }
          break;
        }
        case 'broadcast': {
          const found = await this.driver.reconcile(step.index, step.attempts);
          if (found.kind === 'included') {
            this.include(step, found.inclusion);
            break;
          }
          pendingSince ??= Date.now();
          if (Date.now() - pendingSince > this.options.pendingTimeoutMs) {
            throw new LifeboatError('tx-pending', undefined, {
              step: step.index,
              hash: step.attempts.at(-1)!.hash,
            });
          }
          await this.pause();
          const reason = await this.driver.stale(step.index, step.attempts);
          if (reason === undefined) break;
          // Looked at again before signing anew: it may have been included meanwhile.
          const again = await this.driver.reconcile(step.index, step.attempts);
          if (again.kind === 'included') this.include(step, again.inclusion);
          else await this.replace(step, reason);
          break;
        }
        case 'included':
          await this.confirm(step);
          break;
      }
    }
  }

  private signed(step: StepRecord<A, I>, attempt: A): void {
    step.attempts.push(attempt);
    step.state = 'signed';
    this.commit(step, { hash: attempt.hash });
  }

  private async replace(step: StepRecord<A, I>, reason: R): Promise<void> {
    const attempt = await this.oneAtATime(() =>
      this.driver.replace(step.index, step.attempts, reason),
    );
    this.signed(step, attempt);
  }

  private include(step: StepRecord<A, I>, inclusion: I): void {
    step.included = inclusion;
    step.state = 'included';
    this.commit(step, { hash: this.hashOf(step) });
  }

  private async confirm(step: StepRecord<A, I>): Promise<void> {
    const depth = await this.driver.depth(step.index, step.included!);
    if (depth.kind === 'reorged') {
      // Dropped or moved by a reorganisation: back to "signed", the identical bytes go again.
      const hash = this.hashOf(step);
      delete step.included;
      delete step.confirmations;
      step.state = 'signed';
      this.commit(step, { hash, reorg: true });
      return;
    }
    if (depth.confirmations < this.options.confirmations) {
      if (depth.confirmations !== step.confirmations) {
        step.confirmations = depth.confirmations;
        this.commit(step, { confirmations: depth.confirmations });
      }
      await this.pause();
      return;
    }
    step.confirmations = depth.confirmations;
    if (depth.reverted) {
      step.state = 'failed';
      step.error = {
        code: 'tx-reverted',
        message: `Step ${step.index + 1} was included but failed; it moved nothing.`,
        at: new Date().toISOString(),
      };
    } else {
      step.state = 'confirmed';
    }
    this.commit(step, { hash: this.hashOf(step), confirmations: depth.confirmations });
  }

  private commit(step: StepRecord<A, I>, details: Record<string, string | number | boolean>) {
    this.options.commit(step, details);
    this.mark(step);
  }

  private mark(step: StepRecord<A, I>): void {
    if (SENT.includes(step.state)) this.sent.get(step.index)!.raise();
    if (isOnChain(step.state)) this.onChain.get(step.index)!.raise();
  }

  private hashOf(step: StepRecord<A, I>): string {
    return step.included?.hash ?? step.attempts.at(-1)!.hash;
  }

  /** One signature at a time across the case, in the order they were asked for. */
  private oneAtATime(sign: () => Promise<A>): Promise<A> {
    const turn = this.signing.then(sign, sign);
    this.signing = turn.catch(() => undefined);
    return turn;
  }

  private async until(indices: readonly number[], flags: Map<number, Flag>): Promise<void> {
    await this.abortable(Promise.all(indices.map((i) => flags.get(i)!.done)));
  }

  /** One poll interval, aligned across steps so their reads share JSON-RPC batches. */
  private pause(): Promise<void> {
    const { pollMs } = this.options;
    return this.abortable(
      new Promise((resolve) => setTimeout(resolve, pollMs - (Date.now() % pollMs))),
    );
  }

  private async abortable<T>(work: Promise<T>): Promise<T> {
    this.stopIfAsked();
    return Promise.race([work, this.stopped]);
  }

  private stopIfAsked(): void {
    if (this.signal.aborted) throw cancelled();
  }
}

function cancelled(): LifeboatError {
  return new LifeboatError('cancelled');
}
