// JSON-RPC to the servers the person configured for one network, through ethers'
// JsonRpcProvider: calls made in the same tick travel as one JSON-RPC batch, so a round trip
// carries up to BATCH_MAX calls. With several servers, one that stops answering is left for
// the next in the person's order; a server taken over this way must first report the
// expected chain id, or it is refused outright (`chain-id-mismatch`), never skipped.
// Every failure comes out as a typed LifeboatError: rpc-unreachable (no answer, HTTP error,
// timeout, redirect — from every server), rpc-inconsistent (an answer that is not JSON-RPC or
// not the right shape), rpc-error (the server answered with a JSON-RPC error).
import { FetchRequest, JsonRpcProvider, Network as EthersNetwork, isError } from 'ethers';
import { LifeboatError, isLifeboatError } from '../errors';
import { quantity } from './rpc-values';

export interface RpcCall {
  method: string;
  params: readonly unknown[];
}

export interface RpcClientOptions {
  /** Per HTTP request. */
  timeoutMs?: number;
}

/** Calls per HTTP request; public servers commonly accept 100. */
const BATCH_MAX = 100;
const DEFAULT_TIMEOUT_MS = 30_000;

export class RpcClient {
  private readonly urls: readonly string[];
  private readonly providers: JsonRpcProvider[];
  private current = 0;
  /** The move to the next server, shared by the calls that failed together. */
  private moving: Promise<void> | undefined;

  constructor(
    urls: string | readonly string[],
    /** The chain id the caller expects; ethers is told so it never probes the network. */
    private readonly expectedChainId: number,
    options: RpcClientOptions = {},
  ) {
    this.urls = typeof urls === 'string' ? [urls] : [...urls];
    if (this.urls.length === 0) throw new LifeboatError('network-not-configured');
    this.providers = this.urls.map((url) => {
      const request = new FetchRequest(url);
      request.timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      request.getUrlFunc = refuseRedirects(FetchRequest.createGetUrlFunc());
      return new JsonRpcProvider(request, undefined, {
        staticNetwork: EthersNetwork.from(expectedChainId),
        batchMaxCount: BATCH_MAX,
        batchStallTime: 0,
        cacheTimeout: -1,
      });
    });
  }

  /** The server now in use. */
  get url(): string {
    return this.urls[this.current]!;
  }

  async call(method: string, params: readonly unknown[]): Promise<unknown> {
    for (;;) {
      const at = this.current;
      try {
        return await send(this.providers[at]!, method, params);
      } catch (error) {
        if (!isServerDown(error)) throw error;
        await this.leave(at, method, error);
      }
    }
  }

  /** Sends the calls together (as few HTTP round trips as the batch limit allows). */
  async batch(calls: readonly RpcCall[]): Promise<unknown[]> {
    return Promise.all(calls.map((c) => this.call(c.method, c.params)));
  }

  close(): void {
    for (const provider of this.providers) provider.destroy();
  }

  /**
   * Moves on from the server at `failed` to the next one that answers with the right chain
   * id; throws when there is none left.
   */
  private async leave(failed: number, method: string, error: LifeboatError): Promise<void> {
    if (this.current !== failed) return;
    this.moving ??= this.next(failed, method, error).finally(() => (this.moving = undefined));
    await this.moving;
  }

  private async next(failed: number, method: string, error: LifeboatError): Promise<void> {
    let last = error;
    for (let at = failed + 1; at < this.providers.length; at += 1) {
      try {
        const reported = quantity(await send(this.providers[at]!, 'eth_chainId', []), 'chain id');
        if (reported !== BigInt(this.expectedChainId)) {
          throw new LifeboatError(
            'chain-id-mismatch',
            `The next RPC server reports chain ${reported}, not ${this.expectedChainId}. Nothing was sent.`,
            { expected: this.expectedChainId, reported: reported.toString() },
          );
        }
        this.current = at;
        return;
      } catch (failure) {
        if (!isServerDown(failure)) throw failure;
        last = failure;
      }
    }
    if (this.providers.length === 1) throw last;
    throw new LifeboatError(
      'rpc-unreachable',
      `None of the ${this.providers.length} RPC servers of this network answered.`,
      { method, servers: this.providers.length, reason: String(last.details?.reason ?? 'unknown') },
    );
  }
}

async function send(
  provider: JsonRpcProvider,
  method: string,
  params: readonly unknown[],
): Promise<unknown> {
  try {
    return await provider.send(method, [...params]);
  } catch (error) {
    throw rpcFailure(error, method);
  }
}

/** No answer, or one that is not JSON-RPC at all: the next server may do better. */
function isServerDown(error: unknown): error is LifeboatError {
  return isLifeboatError(error, 'rpc-unreachable') || isLifeboatError(error, 'rpc-inconsistent');
}

/**
 * ethers follows HTTP redirects to any host; a redirect would send the person's requests
 * somewhere they did not choose, so it is turned into a failure before ethers sees it.
 */
function refuseRedirects(
  inner: ReturnType<typeof FetchRequest.createGetUrlFunc>,
): ReturnType<typeof FetchRequest.createGetUrlFunc> {
  return async (request, signal) => {
    const response = await inner(request, signal);
    if (response.statusCode >= 300 && response.statusCode < 400) {
      return { ...response, statusCode: 599, statusMessage: 'redirect refused', body: null };
    }
    return response;
  };
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

/**
 * A JSON-RPC error object as servers send it: ethers keeps it as `error`, or as `info.error`
 * when it turned a revert into a CALL_EXCEPTION.
 */
function jsonRpcError(error: unknown): { code: number; message: string } | undefined {
  const info = (error as { info?: unknown }).info;
  const candidates = [
    (error as { error?: unknown }).error,
    typeof info === 'object' && info !== null ? (info as { error?: unknown }).error : undefined,
  ];
  for (const inner of candidates) {
    if (typeof inner !== 'object' || inner === null) continue;
    const { code, message } = inner as { code?: unknown; message?: unknown };
    if (typeof code === 'number' && typeof message === 'string') return { code, message };
  }
  return undefined;
}

function rpcFailure(error: unknown, method: string): LifeboatError {
  if (error instanceof LifeboatError) return error;
  const rpc = jsonRpcError(error);
  if (rpc) {
    return new LifeboatError(
      'rpc-error',
      `The RPC server refused ${method}: ${clip(rpc.message)}`,
      {
        method,
        rpcCode: rpc.code,
        rpcMessage: clip(rpc.message),
      },
    );
  }
  const code = (error as { code?: unknown }).code;
  if (isError(error, 'BAD_DATA') || isError(error, 'UNSUPPORTED_OPERATION')) {
    return new LifeboatError(
      'rpc-inconsistent',
      'The RPC server sent an answer that is not valid JSON-RPC.',
      { method },
    );
  }
  if (
    isError(error, 'TIMEOUT') ||
    isError(error, 'SERVER_ERROR') ||
    isError(error, 'NETWORK_ERROR') ||
    (typeof code === 'string' && UNREACHABLE_CODES.has(code))
  ) {
    return new LifeboatError('rpc-unreachable', undefined, {
      method,
      reason: typeof code === 'string' ? code : 'unknown',
    });
  }
  return new LifeboatError('rpc-unreachable', undefined, { method, reason: 'unknown' });
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
