// A JSON-RPC proxy in front of a local node that misbehaves on demand, for the RPC fault
// tests: it lies about the chain id, answers garbage, redirects elsewhere, or dies (stops
// answering, or drops every connection) after a chosen call.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyFault =
  | { kind: 'none' }
  /** eth_chainId answers this id instead. */
  | { kind: 'lie-chain-id'; chainId: number }
  /** Every answer is this text, with HTTP 200. */
  | { kind: 'garbage'; body: string }
  /** Every result of `method` is replaced by `result`. */
  | { kind: 'wrong-result'; method: string; result: unknown }
  /** HTTP 302 to `location`. */
  | { kind: 'redirect'; location: string }
  /**
   * Dies when a request contains `method` for the `occurrence`-th time (1-based): the request
   * is forwarded first when `forward` (it reached the node, the answer is lost), then this
   * connection and every later one are dropped.
   */
  | { kind: 'die-on'; method: string; occurrence?: number; forward: boolean };

interface Call {
  method?: unknown;
  id?: unknown;
}

export class RpcProxy {
  fault: ProxyFault = { kind: 'none' };
  /** Every JSON-RPC method seen, in order. */
  readonly methods: string[] = [];
  private dead = false;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly target: string,
  ) {}

  static async start(target: string): Promise<RpcProxy> {
    const holder: { proxy?: RpcProxy } = {};
    const server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => void holder.proxy!.handle(body, req, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const proxy = new RpcProxy(server, `http://127.0.0.1:${port}`, target);
    holder.proxy = proxy;
    return proxy;
  }

  /** True once a `die-on` fault has fired. */
  get died(): boolean {
    return this.dead;
  }

  /** Heals a proxy that died: it forwards again. */
  revive(): void {
    this.dead = false;
    this.fault = { kind: 'none' };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(body: string, req: http.IncomingMessage, res: http.ServerResponse) {
    if (this.dead) {
      req.socket.destroy();
      return;
    }
    let calls: Call[];
    try {
      const parsed = JSON.parse(body) as Call | Call[];
      calls = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      calls = [];
    }
    for (const c of calls) if (typeof c.method === 'string') this.methods.push(c.method);
    const fault = this.fault;
    if (fault.kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(fault.body);
      return;
    }
    if (fault.kind === 'redirect') {
      res.writeHead(302, { location: fault.location });
      res.end();
      return;
    }
    if (fault.kind === 'die-on' && calls.some((c) => c.method === fault.method)) {
      const seen = this.methods.filter((m) => m === fault.method).length;
      if (seen >= (fault.occurrence ?? 1)) {
        this.dead = true;
        if (fault.forward) await this.forward(body);
        req.socket.destroy();
        return;
      }
    }
    const reply = await this.forward(body);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(this.rewrite(reply, calls));
  }

  private async forward(body: string): Promise<string> {
    const response = await fetch(this.target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return response.text();
  }

  /** Replaces the results of the faulty method's calls, matched by request id. */
  private rewrite(reply: string, calls: Call[]): string {
    const fault = this.fault;
    if (fault.kind !== 'lie-chain-id' && fault.kind !== 'wrong-result') return reply;
    const method = fault.kind === 'lie-chain-id' ? 'eth_chainId' : fault.method;
    const value = fault.kind === 'lie-chain-id' ? `0x${fault.chainId.toString(16)}` : fault.result;
    const ids = new Set(calls.filter((c) => c.method === method).map((c) => JSON.stringify(c.id)));
    const parsed = JSON.parse(reply) as { id?: unknown; result?: unknown }[] | { id?: unknown };
    const fix = (r: { id?: unknown; result?: unknown }) =>
      ids.has(JSON.stringify(r.id)) ? { ...r, result: value } : r;
    return JSON.stringify(Array.isArray(parsed) ? parsed.map(fix) : fix(parsed));
  }
}
