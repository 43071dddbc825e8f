import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import { registry } from './registry.js';

export const METRICS_PATH = '/metrics';

export interface MetricsAccess {
  /** Bearer token a scraper must send; when set, required in every environment. */
  token?: string;
  /** Without a token, production answers 404: metrics show traffic shape and must be asked for. */
  production: boolean;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `GET /metrics` in Prometheus' text format. With METRICS_TOKEN set, only `Authorization: Bearer
 * <token>` gets them (compared in constant time); without it they are open in development and
 * test and off in production. Label values never carry ids, keys or anything a user typed freely.
 */
export function metricsRouter(access: MetricsAccess): express.Router {
  const router = express.Router();
  const expected = access.token ? digest(access.token) : null;
  router.get(METRICS_PATH, async (req, res, next) => {
    if (!expected && access.production) {
      return void res.status(404).json({ errors: [{ message: 'Metrics are off: set METRICS_TOKEN to scrape /metrics', extensions: { code: 'NOT_FOUND' } }] });
    }
    if (expected) {
      const header = req.header('authorization') ?? '';
      const given = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
      if (!timingSafeEqual(digest(given), expected)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        return void res
          .status(401)
          .json({ errors: [{ message: 'Metrics need Authorization: Bearer <METRICS_TOKEN>', extensions: { code: 'UNAUTHENTICATED' } }] });
      }
    }
    try {
      const text = await registry.metrics();
      res.setHeader('Content-Type', registry.contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.send(text);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
