import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Builds the built-in models and the sample corpus when missing (about 2 s when they exist), so `pnpm test`
    // is one command without shell operators and a targeted `vitest run <file>` works in a fresh clone too.
    globalSetup: ['test/support/prepare-fixtures.ts'],
    include: ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores: end-to-end suites start many processes, so files run one at a time.
    fileParallelism: false,
    pool: 'forks',
  },
});
