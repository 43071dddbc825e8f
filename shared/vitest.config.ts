import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/__tests__/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
  },
});
