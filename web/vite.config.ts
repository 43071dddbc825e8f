import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.TOLLGATE_API_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
      '/v1': { target: api, changeOrigin: true },
      '/healthz': { target: api, changeOrigin: true },
    },
  },
  build: { outDir: 'dist', sourcemap: true },
});
