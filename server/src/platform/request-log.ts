import { randomUUID } from 'node:crypto';
import type express from 'express';
import { serializeError, type Logger } from './logger.js';

declare module 'node:http' {
  interface IncomingMessage {
    /** This request's id (X-Request-Id). */
    id: string;
    /** A logger whose lines carry `req` (id, method, URL without its query). */
    log: Logger;
  }
}

const INCOMING_ID = /^[A-Za-z0-9._-]{1,64}$/;
const NOT_LOGGED = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * One JSON line per request, each with a request id (taken from X-Request-Id when sane) echoed back.
 * The URL is logged without its query string: a GET /graphql carries its variables there.
 *
 * The lines are pino-http's (`request completed` / `request errored`, with `req`, `res`,
 * `responseTime`, `err`), written here without it: pino-http builds a child logger per request,
 * serializing and redacting `req` up front, although most requests never log inside and their
 * closing line is below the level in production. Here `req.log` is made on first use, and the
 * closing line only when its level is enabled (docs/decisions/0045-completion-cpu.md).
 */
export function requestLogger(log: Logger): express.RequestHandler {
  const base = log.child(
    {},
    {
      serializers: {
        req: (req: express.Request) => ({ id: req.id, method: req.method, url: withoutQuery(req.originalUrl ?? req.url) }),
        res: (res: express.Response) => ({ statusCode: res.statusCode }),
        err: serializeError,
      },
    },
  );
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', id);
    req.id = id;
    const started = Date.now();
    let child: Logger | undefined;
    const requestLog = (): Logger => (child ??= base.child({ req }));
    Object.defineProperty(req, 'log', { configurable: true, enumerable: true, get: requestLog, set: (value: Logger) => (child = value) });
    if (!NOT_LOGGED.has(req.url)) {
      const done = (): void => {
        res.removeListener('close', done);
        res.removeListener('finish', done);
        const failed = res.statusCode >= 500;
        const level = failed ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
        if (!base.isLevelEnabled(level)) return;
        const responseTime = Date.now() - started;
        if (failed) requestLog()[level]({ res, err: new Error(`failed with status code ${res.statusCode}`), responseTime }, 'request errored');
        else requestLog()[level]({ res, responseTime }, 'request completed');
      };
      res.on('close', done);
      res.on('finish', done);
    }
    next();
  };
}

function withoutQuery(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? url : `${url.slice(0, at)}?[query not logged]`;
}
