// One offline build: main, CLI and preload bundled with esbuild (CommonJS; the sandboxed
// preload must be a single file), the renderer with Vite. No Electron binary is needed.
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import fs from 'node:fs';

fs.rmSync('dist', { recursive: true, force: true });

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  // Native and runtime-provided modules stay outside the bundle.
  external: ['electron', 'pcsclite'],
  logLevel: 'warning',
};

await Promise.all([
  esbuild({
    ...node,
    entryPoints: { index: 'main/index.ts' },
    outdir: 'dist/main',
    outExtension: { '.js': '.cjs' },
  }),
  esbuild({
    ...node,
    entryPoints: { lifeboat: 'main/cli/bin.ts' },
    outdir: 'dist/cli',
    outExtension: { '.js': '.cjs' },
  }),
  esbuild({
    ...node,
    entryPoints: { index: 'preload/index.ts' },
    outdir: 'dist/preload',
    outExtension: { '.js': '.cjs' },
    target: 'chrome140',
    external: ['electron'],
  }),
]);
await vite({ configFile: 'vite.config.ts', logLevel: 'warn' });

for (const out of [
  'dist/main/index.cjs',
  'dist/cli/lifeboat.cjs',
  'dist/preload/index.cjs',
  'dist/renderer/index.html',
]) {
  if (!fs.existsSync(out)) throw new Error(`build did not produce ${out}`);
}
console.log('built dist/main, dist/cli, dist/preload, dist/renderer');
