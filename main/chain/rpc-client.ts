// JSON-RPC to one server the person configured, through ethers' JsonRpcProvider: calls made in
// the same tick travel as one JSON-RPC batch, so a round trip carries up to BATCH_MAX calls.
// Every failure comes out as a typed LifeboatError: rpc-unreachable (no answer, HTTP error,
// timeout, redirect), rpc-inconsistent (an answer that is not JSON-RPC or not the right
// shape), rpc-error (the server answered with a JSON-RPC error).
import { FetchRequest, JsonRpcProvider, Network as EthersNetwork, isError } from 'ethers';
import { LifeboatError } from '../errors';

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
  private readonly provider: JsonRpcProvider;

  constructor(
    readonly url: string,
    /** The chain id the caller expects; ethers is told so it never probes the network. */
    expectedChainId: number,
    options: RpcClientOptions = {},
  ) {
    const request = new FetchRequest(url);
    request.timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    request.getUrlFunc = refuseRedirects(FetchRequest.createGetUrlFunc());
    this.provider = new JsonRpcProvider(request, undefined, {
      staticNetwork: EthersNetwork.from(expectedChainId),
      batchMaxCount: BATCH_MAX,
      batchStallTime: 0,
      cacheTimeout: -1,
    });
  }

  async call(method: string, params: readonly unknown[]): Promise<unknown> {
    try {
      return await this.provider.send(method, [...params]);
    } catch (error) {
      throw rpcFailure(error, method);
    }
  }

  /** Sends the calls together (as few HTTP round trips as the batch limit allows). */
  async batch(calls: readonly RpcCall[]): Promise<unknown[]> {
    return Promise.all(calls.map((c) => this.call(c.method, c.params)));
  }

  close(): void {
    this.provider.destroy();
  }
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
 * A JSON-RPC error object as servers send it. ethers turns a reverted eth_call or
 * eth_estimateGas into a CALL_EXCEPTION that keeps the server's error under `info`.
 */
function jsonRpcError(error: unknown): { code: number; message: string } | undefined {
  const inner = isError(error, 'CALL_EXCEPTION')
    ? (error.info as { error?: unknown } | undefined)?.error
    : (error as { error?: unknown }).error;
  if (typeof inner !== 'object' || inner === null) return undefined;
  const { code, message } = inner as { code?: unknown; message?: unknown };
  if (typeof code !== 'number' || typeof message !== 'string') return undefined;
  return { code, message };
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
