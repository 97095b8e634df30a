import { defineConfig } from 'vitest/config';

// Unit tests run in parallel. Integration tests share one pcscd with two virtual readers
// and local chain nodes, so they run one file at a time under a machine-wide bench lock.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/**/*.integration.test.ts', 'tests/e2e/**', 'node_modules/**'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/**/*.integration.test.ts'],
          environment: 'node',
          fileParallelism: false,
          globalSetup: ['tests/support/integration-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
