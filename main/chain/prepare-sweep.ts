// From "these accounts, to that destination" to a checked plan: the facts of every network
// are read in parallel, then the pure planner decides. Also the freshness check run just
// before a plan becomes a case, so nothing is signed against balances that have moved.
import type { AccountView } from '../../preload/api';
import { LifeboatError } from '../errors';
import { readAccountStates } from './balances';
import type { ChainConnection } from './connection';
import { gatherFacts } from './sweep-facts';
import { planSweep, type SweepPlan } from './sweep-plan';
import type { Token } from './tokens';

export interface NetworkSweep {
  connection: ChainConnection;
  accounts: readonly AccountView[];
  tokens: readonly Token[];
}

export async function prepareSweep(request: {
  networks: readonly NetworkSweep[];
  destination: { address: string; canSign: boolean };
  feeCaps?: Partial<Record<string, bigint>>;
  allowTopUp?: boolean;
}): Promise<SweepPlan> {
  const facts = await Promise.all(
    request.networks
      .filter((n) => n.accounts.length > 0)
      .map((n) =>
        gatherFacts({
          connection: n.connection,
          destination: request.destination,
          sources: n.accounts,
          tokens: n.tokens,
        }),
      ),
  );
  return planSweep(facts, {
    feeCaps: request.feeCaps ?? {},
    allowTopUp: request.allowTopUp ?? false,
  });
}

/**
 * Fails with `plan-stale` unless every balance and nonce the plan relies on is still what it
 * was when the plan was made.
 */
export async function assertPlanFresh(
  plan: SweepPlan,
  connection: (networkId: string) => ChainConnection,
): Promise<void> {
  const checks = plan.networks.map(async (network) => {
    const chain = connection(network.id);
    const senders = new Map<string, number>();
    for (const step of plan.steps) {
      if (step.networkId !== network.id) continue;
      const key = step.from.toLowerCase();
      senders.set(key, Math.min(senders.get(key) ?? step.nonce, step.nonce));
    }
    const assets = plan.assets.filter((a) => a.networkId === network.id);
    const accounts = [
      ...new Set([...senders.keys(), ...assets.map((a) => a.account.toLowerCase())]),
    ];
    const tokens = [...new Set(assets.filter((a) => a.asset !== 'native').map((a) => a.asset))].map(
      (address) => ({ address, symbol: '', decimals: 0 }),
    );
    const { states } = await readAccountStates(chain, accounts, tokens);
    for (const state of states) {
      const key = state.address.toLowerCase();
      const nonce = senders.get(key);
      const stale =
        (nonce !== undefined && state.nonce !== nonce) ||
        assets.some((a) => {
          if (a.account.toLowerCase() !== key) return false;
          const now =
            a.asset === 'native'
              ? state.native
              : state.tokens[tokens.findIndex((t) => t.address === a.asset)];
          return now !== a.balance;
        });
      if (stale) {
        throw new LifeboatError('plan-stale', undefined, {
          network: network.id,
          account: state.address,
        });
      }
    }
  });
  await Promise.all(checks);
}
