// Finds the accounts of a source (a card or a rebuilt secret) that were ever used: for each
// derivation scheme, indices are scanned until `gapLimit` consecutive addresses are unused on
// every chosen network. Each round asks every network once, for all schemes at the same time,
// so round trips grow with networks × rounds, not with addresses × tokens.
import type { AccountView, Scheme } from '../../preload/api';
import { LifeboatError } from '../errors';
import { readAccountStates, type AccountState } from './balances';
import type { ChainConnection } from './connection';
import type { Token } from './tokens';

/** Where discovery gets addresses: public derivation only, never a key. */
export interface AddressSource {
  readonly kind: 'card' | 'secret';
  /** The wallet fingerprint (Keycard key UID), when known. */
  readonly keyUid: string | undefined;
  accounts(scheme: Scheme, start: number, count: number): Promise<AccountView[]>;
}

export interface NetworkScan {
  connection: ChainConnection;
  tokens: readonly Token[];
}

export interface AccountOnNetwork {
  networkId: string;
  nonce: number;
  native: bigint;
  /** Every listed token with its balance, in list order. */
  tokens: { token: Token; balance: bigint }[];
}

export interface FoundAccount extends AccountView {
  networks: AccountOnNetwork[];
}

export interface DiscoveryProgressEvent {
  scheme: Scheme;
  networkId: string;
  /** Addresses of this scheme scanned so far. */
  scanned: number;
  /** Of those, the ones in use on this network. */
  found: number;
}

export interface Discovery {
  /** Accounts in use on at least one network, each address once, by scheme then index. */
  accounts: FoundAccount[];
  scanned: {
    schemes: Scheme[];
    networkIds: string[];
    /** Distinct addresses scanned. */
    addresses: number;
    /** Highest index scanned + 1, per scheme. */
    indices: Partial<Record<Scheme, number>>;
    tokens: number;
  };
  /** Per network: listed tokens whose balance could not be read there. */
  unreadableTokens: Record<string, string[]>;
  rounds: number;
}

export const DEFAULT_GAP_LIMIT = 5;
const MAX_GAP_LIMIT = 100;
/** A runaway scan (a lying server reporting everything as used) stops here. */
const MAX_INDEX = 1000;

export async function discover(
  request: {
    source: AddressSource;
    networks: readonly NetworkScan[];
    schemes: readonly Scheme[];
    gapLimit?: number;
  },
  onProgress: (event: DiscoveryProgressEvent) => void = () => {},
): Promise<Discovery> {
  const gapLimit = request.gapLimit ?? DEFAULT_GAP_LIMIT;
  if (!Number.isInteger(gapLimit) || gapLimit < 1 || gapLimit > MAX_GAP_LIMIT) {
    throw new LifeboatError('invalid-input', `The gap limit must be 1 to ${MAX_GAP_LIMIT}.`, {
      field: 'gapLimit',
    });
  }
  const schemes = [...new Set(request.schemes)];
  if (schemes.length === 0 || request.networks.length === 0) {
    throw new LifeboatError('invalid-input', 'Choose at least one scheme and one network.', {
      field: schemes.length === 0 ? 'schemes' : 'networks',
    });
  }

  const progress = new Map(schemes.map((s) => [s, { next: 0, lastUsed: -1 }]));
  const foundOn = new Map<string, number>();
  const found = new Map<string, FoundAccount>();
  const scannedAddresses = new Set<string>();
  const unreadable: Record<string, Set<string>> = {};
  let rounds = 0;

  for (;;) {
    const open = schemes.filter((s) => {
      const p = progress.get(s)!;
      return p.next < p.lastUsed + 1 + gapLimit && p.next < MAX_INDEX;
    });
    if (open.length === 0) break;
    rounds += 1;

    const windows = await Promise.all(
      open.map(async (scheme) => {
        const p = progress.get(scheme)!;
        const count = Math.min(p.lastUsed + 1 + gapLimit, MAX_INDEX) - p.next;
        const accounts = await request.source.accounts(scheme, p.next, count);
        if (accounts.length !== count) {
          throw new LifeboatError('internal', undefined, { scheme, expected: count });
        }
        return { scheme, accounts };
      }),
    );
    const addresses = [...new Set(windows.flatMap((w) => w.accounts.map((a) => a.address)))];
    for (const a of addresses) scannedAddresses.add(a);

    const perNetwork = await Promise.all(
      request.networks.map(async ({ connection, tokens }) => {
        const read = await readAccountStates(connection, addresses, tokens);
        const set = (unreadable[connection.network.id] ??= new Set());
        for (const t of read.unreadableTokens) set.add(t);
        const byAddress = new Map(read.states.map((s) => [s.address, s]));
        return { connection, tokens, byAddress };
      }),
    );

    for (const { scheme, accounts } of windows) {
      const p = progress.get(scheme)!;
      for (const account of accounts) {
        const states = perNetwork.map(({ connection, tokens, byAddress }) =>
          onNetwork(connection.network.id, tokens, byAddress.get(account.address)!),
        );
        const usedSomewhere = states.some(isUsed);
        if (usedSomewhere) {
          p.lastUsed = Math.max(p.lastUsed, account.index);
          if (!found.has(account.address))
            found.set(account.address, { ...account, networks: states });
        }
        for (const state of states) {
          if (isUsed(state)) {
            const key = `${scheme}|${state.networkId}`;
            foundOn.set(key, (foundOn.get(key) ?? 0) + 1);
          }
        }
      }
      p.next += accounts.length;
      for (const { connection } of perNetwork) {
        onProgress({
          scheme,
          networkId: connection.network.id,
          scanned: p.next,
          found: foundOn.get(`${scheme}|${connection.network.id}`) ?? 0,
        });
      }
    }
  }

  const order = (a: FoundAccount) => schemes.indexOf(a.scheme);
  return {
    accounts: [...found.values()].sort((x, y) => order(x) - order(y) || x.index - y.index),
    scanned: {
      schemes,
      networkIds: request.networks.map((n) => n.connection.network.id),
      addresses: scannedAddresses.size,
      indices: Object.fromEntries(schemes.map((s) => [s, progress.get(s)!.next])),
      tokens: request.networks.reduce((sum, n) => sum + n.tokens.length, 0),
    },
    unreadableTokens: Object.fromEntries(
      Object.entries(unreadable).map(([id, set]) => [id, [...set]]),
    ),
    rounds,
  };
}

function onNetwork(
  networkId: string,
  tokens: readonly Token[],
  state: AccountState,
): AccountOnNetwork {
  return {
    networkId,
    nonce: state.nonce,
    native: state.native,
    tokens: tokens.map((token, i) => ({ token, balance: state.tokens[i] ?? 0n })),
  };
}

/** Used: it ever sent a transaction, or holds the native coin or a listed token. */
export function isUsed(state: AccountOnNetwork): boolean {
  return state.nonce > 0 || state.native > 0n || state.tokens.some((t) => t.balance > 0n);
}
