import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contentTypeOf, isAppUrl, resolveAppFile } from '../../../main/electron/app-protocol';

const ROOT = path.resolve('/opt/lifeboat/dist/renderer');

describe('resolveAppFile', () => {
  it('maps app://lifeboat/ paths to files under the renderer root', () => {
    expect(resolveAppFile('app://lifeboat/', ROOT)).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppFile('app://lifeboat/index.html', ROOT)).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppFile('app://lifeboat/assets/index-abc.js?v=1#x', ROOT)).toBe(
      path.join(ROOT, 'assets/index-abc.js'),
    );
    expect(resolveAppFile('app://lifeboat/assets/a%20b.css', ROOT)).toBe(
      path.join(ROOT, 'assets/a b.css'),
    );
  });

  it.each([
    'app://lifeboat/../main/index.cjs',
    'app://lifeboat/assets/../../preload/index.cjs',
    'app://lifeboat/%2e%2e/main/index.cjs',
    'app://lifeboat/..%2f..%2fetc%2fpasswd.txt',
    'app://lifeboat/..%5c..%5cwindows.txt',
    'app://lifeboat/index.html%00.js',
    'app://lifeboat/%E0%A4%A',
    'app://other/index.html',
    'app://lifeboat:8080/index.html',
    'app://user:pw@lifeboat/index.html',
    'file:///opt/lifeboat/dist/renderer/index.html',
    'http://lifeboat/index.html',
    'app://lifeboat/secrets',
    'app://lifeboat/index.cjs',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(url, ROOT)).toBeUndefined();
  });
});

describe('resolveAppFile on arbitrary input', () => {
  it('never returns a file outside the renderer root', () => {
    const segment = fc.constantFrom(
      '..',
      '.',
      '%2e%2e',
      '%2E%2E',
      '%2f',
      '%5c',
      '%00',
      'assets',
      'index.html',
      'a.js',
      '',
      '~',
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), fc.string(), (segments, tail) => {
        const file = resolveAppFile(`app://lifeboat/${segments.join('/')}${tail}`, ROOT);
        return file === undefined || file.startsWith(ROOT + path.sep);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isAppUrl', () => {
  it('recognises our origin by scheme and host', () => {
    expect(isAppUrl('app://lifeboat/index.html')).toBe(true);
    expect(isAppUrl('app://lifeboat')).toBe(true);
    for (const url of [
      'app://lifeboat.evil/x',
      'app://evil/lifeboat',
      'https://lifeboat/',
      'app://u@lifeboat/',
      'app://lifeboat:1/',
      'x',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('contentTypeOf', () => {
  it('knows the kinds of file the renderer build contains and nothing else', () => {
    expect(contentTypeOf('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a/x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a/x.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a/x.woff2')).toBe('font/woff2');
    expect(contentTypeOf('a/x.cjs')).toBeUndefined();
    expect(contentTypeOf('a/x')).toBeUndefined();
  });
});
