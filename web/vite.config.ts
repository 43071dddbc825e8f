import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** js-tiktoken (its BPE ranks are megabytes) and @tollgate/shared's token counting over it. */
const TOKENIZER = /node_modules[\\/].pnpm[\\/]js-tiktoken@|[\\/]shared[\\/](dist|src)[\\/]tokens\.[jt]s$/;

/**
 * Recharts and what it alone brings (its redux store, d3 through victory-vendor): only the usage
 * page's lazily loaded charts import them, so they load with that page, not with the app.
 */
const CHARTS =
  /node_modules[\\/].pnpm[\\/](recharts|victory-vendor|d3-[a-z-]+|internmap|@reduxjs\+toolkit|redux|redux-thunk|react-redux|reselect|immer|decimal\.js-light|es-toolkit|eventemitter3|tiny-invariant|use-sync-external-store|clsx)@/;

const api = process.env.TOLLGATE_API_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
      '/v1': { target: api, changeOrigin: true },
      '/healthz': { target: api, changeOrigin: true },
      // Test-mode checkout pages (and their form POST): with PUBLIC_URL=http://localhost:5173 a checkout returns to the dev server.
      '/test-checkout': { target: api, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    rolldownOptions: {
      // The token counting is pure (its module-level values are built lazily): without this, the main
      // chunk would import the tokenizer chunk for side effects just because shared's index re-exports it.
      treeshake: { moduleSideEffects: [{ test: TOKENIZER, sideEffects: false }] },
      output: {
        // Libraries change far less often than the app: separate chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            // The estimator's token counting (js-tiktoken's BPE ranks, megabytes) loads on demand, through
            // `import('./estimator/token-count')`: caught first, or `vendor` would pull it into the first load.
            { name: 'tokenizer', test: TOKENIZER, priority: 30 },
            { name: 'charts', test: CHARTS, priority: 15 },
            { name: 'react', priority: 20, test: /node_modules[\\/].pnpm[\\/](react|react-dom|react-router|scheduler)@/ },
            { name: 'vendor', priority: 10, test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
