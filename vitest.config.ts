import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql realm: Vite would otherwise load index.mjs while Node-loaded packages get index.js.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql', { paths: [require.resolve('type-graphql', { paths: ['./server'] })] }) }],
  },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['server/src/**/*.test.ts', 'sdk/src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    setupFiles: ['test/setup/per-file.ts'],
    // CI asks for a machine-readable summary beside the usual output.
    reporters: process.env.VITEST_JSON_OUTPUT ? ['default', 'json'] : ['default'],
    outputFile: process.env.VITEST_JSON_OUTPUT ? { json: process.env.VITEST_JSON_OUTPUT } : undefined,
    pool: 'forks',
    // Files share a worker's modules: importing the server for every file was a third of the suite's CPU.
    // What a file starts it stops (test/helpers/file-cleanups.ts); no test may leave global state behind.
    isolate: false,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: 'test/tsconfig.json' },
  },
});
