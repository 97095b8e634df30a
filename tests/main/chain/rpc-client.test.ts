// The RPC client over the real HTTP stack against small local JSON-RPC servers: a server that
// does not answer is left for the next in the person's order, the next must report the chain
// id first, and when every server fails the error says so.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainConnection } from '../../../main/chain/connection';
import { customNetwork } from '../../../main/chain/networks';
import { RpcClient } from '../../../main/chain/rpc-client';

interface FakeServer {
  url: string;
  methods: string[];
  close(): Promise<void>;
}

type Answer = (
  method: string,
) => { result: unknown } | { error: { code: number; message: string } };

async function serve(answer: Answer | 'http-500'): Promise<FakeServer> {
  const methods: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as
        { id: number; method: string } | { id: number; method: string }[];
      const calls = Array.isArray(parsed) ? parsed : [parsed];
      methods.push(...calls.map((c) => c.method));
      if (answer === 'http-500') {
        res.writeHead(500);
        res.end('down');
      } else {
        const replies = calls.map((c) => ({ jsonrpc: '2.0', id: c.id, ...answer(c.method) }));
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(Array.isArray(parsed) ? replies : replies[0]));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    methods,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: the connection is refused. */
async function deadUrl(): Promise<string> {
  const server = await serve(() => ({ result: null }));
  await server.close();
  return server.url;
}

const chain =
  (id: number): Answer =>
  (method) =>
    method === 'eth_chainId'
      ? { result: `0x${id.toString(16)}` }
      : method === 'eth_getCode'
        ? { result: '0x' }
        : method === 'eth_call'
          ? { error: { code: 3, message: 'execution reverted' } }
          : { result: '0x10' };

let good: FakeServer;
let liar: FakeServer;
let broken: FakeServer;
let dead: string;

beforeAll(async () => {
  good = await serve(chain(1));
  liar = await serve(chain(5));
  broken = await serve('http-500');
  dead = await deadUrl();
});

afterAll(async () => {
  await Promise.all([good.close(), liar.close(), broken.close()]);
});

const reset = () => {
  for (const s of [good, liar, broken]) s.methods.length = 0;
};

describe('RpcClient across several servers', () => {
  it('moves on from a server that is down to the next, after it reports the chain id', async () => {
    reset();
    const rpc = new RpcClient([dead, broken.url, good.url], 1, { timeoutMs: 5000 });
    try {
      expect(await rpc.call('eth_blockNumber', [])).toBe('0x10');
      expect(rpc.url).toBe(good.url);
      expect(good.methods).toEqual(['eth_chainId', 'eth_blockNumber']);
      // The broken server was asked for its chain id when its turn came, and failed too;
      // later calls stay with the server that answers.
      expect(await rpc.call('eth_blockNumber', [])).toBe('0x10');
      expect(broken.methods).toEqual(['eth_chainId']);
    } finally {
      rpc.close();
    }
  });

  it('moves once for calls that failed together', async () => {
    reset();
    const rpc = new RpcClient([dead, good.url], 1, { timeoutMs: 5000 });
    try {
      const answers = await rpc.batch([
        { method: 'eth_blockNumber', params: [] },
        { method: 'eth_gasPrice', params: [] },
        {
          method: 'eth_getBalance',
          params: ['0x0000000000000000000000000000000000000001', 'latest'],
        },
      ]);
      expect(answers).toEqual(['0x10', '0x10', '0x10']);
      expect(good.methods.filter((m) => m === 'eth_chainId')).toHaveLength(1);
    } finally {
      rpc.close();
    }
  });

  it('refuses a next server that serves another chain, and sends it nothing else', async () => {
    reset();
    const rpc = new RpcClient([dead, liar.url, good.url], 1, { timeoutMs: 5000 });
    try {
      await expect(rpc.call('eth_sendRawTransaction', ['0x00'])).rejects.toMatchObject({
        code: 'chain-id-mismatch',
        details: { expected: 1, reported: '5' },
      });
      expect(liar.methods).toEqual(['eth_chainId']);
      expect(good.methods).toEqual([]);
    } finally {
      rpc.close();
    }
  });

  it('says that none of the servers answered when all fail', async () => {
    const rpc = new RpcClient([dead, broken.url], 1, { timeoutMs: 5000 });
    try {
      await expect(rpc.call('eth_blockNumber', [])).rejects.toMatchObject({
        code: 'rpc-unreachable',
        message: 'None of the 2 RPC servers of this network answered.',
        details: { method: 'eth_blockNumber', servers: 2 },
      });
    } finally {
      rpc.close();
    }
    const single = new RpcClient(dead, 1, { timeoutMs: 5000 });
    try {
      await expect(single.call('eth_blockNumber', [])).rejects.toMatchObject({
        code: 'rpc-unreachable',
        details: { method: 'eth_blockNumber' },
      });
    } finally {
      single.close();
    }
  });

  it('takes a JSON-RPC error as the answer: the next server is not asked', async () => {
    reset();
    const rpc = new RpcClient([good.url, liar.url], 1, { timeoutMs: 5000 });
    try {
      await expect(
        rpc.call('eth_call', [{ to: '0x0000000000000000000000000000000000000001' }, 'latest']),
      ).rejects.toMatchObject({ code: 'rpc-error' });
      expect(liar.methods).toEqual([]);
    } finally {
      rpc.close();
    }
  });

  it('opens a network whose first server is down', async () => {
    const connection = await ChainConnection.open(
      customNetwork({ chainId: 1, rpcUrls: [dead, good.url] }),
      { timeoutMs: 5000 },
    );
    try {
      expect(await connection.blockNumber()).toBe(16);
    } finally {
      connection.close();
    }
    await expect(
      ChainConnection.open(customNetwork({ chainId: 1, rpcUrls: [dead, liar.url] }), {
        timeoutMs: 5000,
      }),
    ).rejects.toMatchObject({ code: 'chain-id-mismatch', details: { network: 'chain-1' } });
  });
});
