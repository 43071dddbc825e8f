import { randomUUID } from 'node:crypto';
import { pinoHttp } from 'pino-http';
import { serializeError, type Logger } from './logger.js';

const INCOMING_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * One JSON line per request, each with a request id (taken from X-Request-Id when sane) echoed back.
 * The URL is logged without its query string: a GET /graphql carries its variables there.
 */
export function requestLogger(log: Logger) {
  return pinoHttp({
    logger: log,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: withoutQuery(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // pino-http would otherwise use pino's bare serializer for a failed request's error.
      err: serializeError,
    },
  });
}

function withoutQuery(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? url : `${url.slice(0, at)}?[query not logged]`;
}
