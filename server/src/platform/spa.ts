import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { API_PATHS } from './security-headers.js';

/**
 * Serves the built SPA from `web/dist`, with index.html for client-side routes. Hashed assets are
 * cached for a year; index.html never, so a deploy is picked up on the next load.
 */
export function spaRouter(distDir: string): Router {
  const router = express.Router();
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) {
    router.get('/', (_req, res) => {
      res.type('text/plain').send('Tollgate API is running. The web app is not built: run `pnpm build` (or `pnpm start`).');
    });
    return router;
  }
  router.use('/assets', express.static(join(distDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  router.use(express.static(distDir, { index: false, maxAge: 0 }));
  router.get(/.*/, (req, res, next) => {
    if (API_PATHS.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
