import { defineConfig } from 'vitest/config';

/**
 * Two groups, run one after the other: everything else first (files in parallel), then the browser
 * tests alone, so a busy machine does not stretch the key timings the scanner tests depend on.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'web/**/*.test.ts'],
          exclude: ['tests/browser/**'],
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], sequence: { groupOrder: 2 } },
      },
    ],
  },
});
