import { defineConfig } from 'vitest/config';

// One run over every workspace so `npm test` prints a single total at the end.
export default defineConfig({
  test: {
    include: ['{packages,apps}/*/{src,test,e2e}/**/*.test.{ts,tsx}', 'deploy/test/**/*.test.ts'],
    globalSetup: ['./packages/testkit/src/global-setup.ts'],
    reporters: ['default', './packages/testkit/src/totals-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
