import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome140',
    // The app:// protocol serves files from disk; no inline data: URLs under the strict CSP.
    assetsInlineLimit: 0,
  },
});
