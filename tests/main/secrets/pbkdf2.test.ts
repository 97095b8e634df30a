import { describe, expect, it } from 'vitest';
import { nativePbkdf2, noblePbkdf2, pbkdf2Sha256 } from '../../../main/secrets/pbkdf2';
import { hex } from './vectors';

const text = (s: string) => new TextEncoder().encode(s);

// PBKDF2-HMAC-SHA256 test vectors (RFC 7914 section 11 and the widely used
// "password"/"salt" set for SHA-256).
const VECTORS = [
  {
    p: 'password',
    s: 'salt',
    c: 1,
    dkLen: 32,
    dk: '120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b',
  },
  {
    p: 'password',
    s: 'salt',
    c: 2,
    dkLen: 32,
    dk: 'ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43',
  },
  {
    p: 'password',
    s: 'salt',
    c: 4096,
    dkLen: 32,
    dk: 'c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a',
  },
  {
    p: 'passwd',
    s: 'salt',
    c: 1,
    dkLen: 64,
    dk: '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
  },
];

describe('PBKDF2-HMAC-SHA256', () => {
  it.each([
    ['native', nativePbkdf2],
    ['noble', noblePbkdf2],
    ['selected', pbkdf2Sha256],
  ] as const)('%s matches the published vectors', async (_, kdf) => {
    for (const v of VECTORS) expect(hex(await kdf(text(v.p), text(v.s), v.c, v.dkLen))).toBe(v.dk);
  });

  it('uses the native implementation on Node', () => {
    expect(pbkdf2Sha256).toBe(nativePbkdf2);
  });

  it('gives the same keys inline and in the thread pool (either side of 20000 iterations)', async () => {
    const p = text('\x02TREZOR');
    const s = text('shamir\x12\x34 and R');
    for (const c of [19_999, 20_000, 20_001, 40_000]) {
      expect(hex(await nativePbkdf2(p, s, c, 16))).toBe(hex(await noblePbkdf2(p, s, c, 16)));
    }
  });
});
