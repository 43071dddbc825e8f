import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // esbuild emits no decorator metadata, which type-graphql needs; swc does (docs/decisions/0001-foundation-stack.md).
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    // Vite would resolve graphql's ESM build while CommonJS dependencies load its CJS build: one copy only.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['src/**/__tests__/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
    pool: 'forks',
    globalSetup: ['src/test-support/global-setup.ts'],
    // Like every entry point (src/index.ts): a module's face may load GraphQL types, whose decorators need it.
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // 2-core CI machine: a few files at once, each with its own database.
    maxWorkers: 2,
  },
});
