// The persisted step loop's decisions with a scripted driver: what is saved before each
// irreversible act, what runs at once and what waits, and how a failure or a pause stops
// the other steps.
import { describe, expect, it } from 'vitest';
import {
  runSteps,
  type StepDriver,
  type StepRecord,
  type StepLoopOptions,
} from '../../../main/cases/step-loop';
import { LifeboatError } from '../../../main/errors';

interface Attempt {
  hash: string;
  broadcastAt?: string;
}
interface Inclusion {
  hash: string;
}
type Step = StepRecord<Attempt, Inclusion>;

/** Two token steps and a native step of one sender, as a sweep plans them. */
const WAITS: Record<number, { onChain: number[]; sent: number[] }> = {
  0: { onChain: [], sent: [] },
  1: { onChain: [], sent: [0] },
  2: { onChain: [0, 1], sent: [0, 1] },
};

class Script implements StepDriver<Attempt, Inclusion, 'fee'> {
  readonly events: string[] = [];
  readonly mined = new Set<number>();
  /** Every save, with the state and latest hash of the step it was for. */
  readonly commits: { index: number; state: string; hash: string | undefined }[] = [];
  private signing = 0;
  private signatures = 0;
  /** How many sent steps each next block takes (then one per block). */
  blocks: number[] = [];
  private readonly unmined = new Set<number>();
  slowSign = new Set<number>();
  sendOutcomes: Record<number, ('replace' | 'later' | 'fail')[]> = {};
  reorgOnce = new Set<number>();

  waits(index: number) {
    return WAITS[index]!;
  }

  async sign(index: number): Promise<Attempt> {
    this.signing += 1;
    if (this.signing > 1) throw new Error('two signatures at once');
    await new Promise((r) => setTimeout(r, this.slowSign.has(index) ? 30 : 1));
    this.signing -= 1;
    this.events.push(`sign ${index}`);
    return { hash: `0x${index}-${(this.signatures += 1)}` };
  }

  async replace(index: number, attempts: readonly Attempt[]): Promise<Attempt> {
    this.events.push(`replace ${index}`);
    return { hash: `${attempts.at(-1)!.hash}r` };
  }

  async reconcile(index: number, attempts: readonly Attempt[]) {
    return this.mined.has(index)
      ? { kind: 'included' as const, inclusion: { hash: attempts.at(-1)!.hash } }
      : { kind: 'pending' as const };
  }

  async send(index: number, attempts: readonly Attempt[]) {
    const saved = this.commits.filter((c) => c.index === index).at(-1);
    if (saved?.state !== 'signed' || saved.hash !== attempts.at(-1)!.hash) {
      throw new Error(`step ${index} sent before its signature was saved`);
    }
    const scripted = this.sendOutcomes[index]?.shift();
    if (scripted === 'fail') throw new LifeboatError('tx-rejected', 'refused');
    if (scripted === 'replace') return { kind: 'replace' as const, reason: 'fee' as const };
    if (scripted === 'later') return { kind: 'later' as const };
    this.events.push(`send ${index}`);
    this.unmined.add(index);
    if (this.unmined.size >= (this.blocks[0] ?? 1)) {
      this.blocks.shift();
      this.events.push(`mine ${[...this.unmined].join(',')}`);
      for (const i of this.unmined) this.mined.add(i);
      this.unmined.clear();
    }
    return { kind: 'sent' as const };
  }

  async stale() {
    return undefined;
  }

  async depth(index: number) {
    if (this.reorgOnce.delete(index)) {
      this.mined.delete(index);
      this.unmined.add(index);
      return { kind: 'reorged' as const };
    }
    return { kind: 'deep' as const, confirmations: 1, reverted: false };
  }
}

function steps(count = 3): Step[] {
  return Array.from({ length: count }, (_, index) => ({ index, state: 'planned', attempts: [] }));
}

function options(script: Script, extra: Partial<StepLoopOptions<Attempt, Inclusion>> = {}) {
  return {
    commit: (step: Step) =>
      script.commits.push({
        index: step.index,
        state: step.state,
        hash: step.attempts.at(-1)?.hash,
      }),
    confirmations: 1,
    pollMs: 5,
    pendingTimeoutMs: 5_000,
    parallel: true,
    ...extra,
  };
}

describe('the persisted step loop', () => {
  it('sends every token step before any is on chain, and signs the native step after', async () => {
    const script = new Script();
    script.blocks = [2];
    const all = steps();
    await runSteps(all, script, options(script));
    // The block that takes both token steps is only mined once both were sent: had a send
    // waited for an inclusion, this run would never end.
    const at = (event: string) => script.events.indexOf(event);
    expect(at('mine 0,1')).toBeGreaterThan(Math.max(at('send 0'), at('send 1')));
    expect(at('sign 2')).toBeGreaterThan(at('mine 0,1'));
    expect(script.events.slice(-3)).toEqual(['sign 2', 'send 2', 'mine 2']);
    expect(all.map((s) => s.state)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    // Saved at every step of the way: signed, sent, included, confirmed.
    for (const index of [0, 1, 2]) {
      expect(script.commits.filter((c) => c.index === index).map((c) => c.state)).toEqual([
        'signed',
        'broadcast',
        'included',
        'confirmed',
      ]);
    }
  });

  it('sends a sender’s steps in nonce order even when the later one is signed first', async () => {
    const script = new Script();
    script.blocks = [2];
    script.slowSign.add(0);
    await runSteps(steps(2), script, options(script));
    expect(script.events.indexOf('send 0')).toBeLessThan(script.events.indexOf('send 1'));
  });

  it('runs one step at a time, each to the end, when not parallel', async () => {
    const script = new Script();
    await runSteps(steps(), script, options(script, { parallel: false }));
    expect(script.events).toEqual([
      'sign 0',
      'send 0',
      'mine 0',
      'sign 1',
      'send 1',
      'mine 1',
      'sign 2',
      'send 2',
      'mine 2',
    ]);
  });

  it('replaces at the same step when the driver asks, and tries again later when told', async () => {
    const script = new Script();
    script.sendOutcomes = { 0: ['replace', 'later'] };
    const all = steps(1);
    await runSteps(all, script, options(script));
    expect(script.events).toEqual(['sign 0', 'replace 0', 'send 0', 'mine 0']);
    expect(all[0]!.attempts.map((a) => a.hash)).toEqual(['0x0-1', '0x0-1r']);
  });

  it('sends the identical bytes again after a reorganisation, never a new signature', async () => {
    const script = new Script();
    script.reorgOnce.add(0);
    const all = steps(1);
    await runSteps(all, script, options(script));
    expect(script.events).toEqual(['sign 0', 'send 0', 'mine 0', 'send 0', 'mine 0']);
    expect(all[0]!.attempts).toHaveLength(1);
  });

  it('stops every step at its next safe point on the first failure, and says which', async () => {
    const script = new Script();
    script.blocks = [99];
    script.sendOutcomes = { 1: ['fail'] };
    const all = steps();
    await expect(runSteps(all, script, options(script))).rejects.toMatchObject({
      code: 'tx-rejected',
    });
    expect(script.events).not.toContain('sign 2');
    expect(all.map((s) => s.state)).toEqual(['broadcast', 'signed', 'planned']);
  });

  it('pauses a step that waits too long for inclusion', async () => {
    const script = new Script();
    script.blocks = [99];
    await expect(
      runSteps(steps(1), script, options(script, { pendingTimeoutMs: 20 })),
    ).rejects.toMatchObject({ code: 'tx-pending' });
  });

  it('stops when asked, keeping what was saved', async () => {
    const script = new Script();
    script.blocks = [99];
    const stop = new AbortController();
    const all = steps();
    const run = runSteps(all, script, options(script, { signal: stop.signal }));
    while (script.commits.filter((c) => c.state === 'broadcast').length < 2) {
      await new Promise((r) => setTimeout(r, 2));
    }
    stop.abort();
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(all.map((s) => s.state)).toEqual(['broadcast', 'broadcast', 'planned']);
  });

  it('resumes from what was saved: signed steps go out as they are, done steps stay done', async () => {
    const script = new Script();
    script.mined.add(0);
    const all: Step[] = [
      {
        index: 0,
        state: 'confirmed',
        attempts: [{ hash: '0xdone' }],
        included: { hash: '0xdone' },
      },
      { index: 1, state: 'signed', attempts: [{ hash: '0xsaved' }] },
      { index: 2, state: 'planned', attempts: [] },
    ];
    script.commits.push({ index: 1, state: 'signed', hash: '0xsaved' });
    await runSteps(all, script, options(script));
    expect(script.events).toEqual(['send 1', 'mine 1', 'sign 2', 'send 2', 'mine 2']);
    expect(all[1]!.attempts.map((a) => a.hash)).toEqual(['0xsaved']);
  });
});
