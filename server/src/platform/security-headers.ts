import type express from 'express';
import helmet from 'helmet';

/** Paths the API answers (JSON, SSE); everything else is the SPA. */
export const API_PATHS = /^\/(graphql|v1|healthz|readyz)(\/|$)/;

/**
 * Browser-facing security headers, by helmet (docs/decisions/0013). One policy for the SPA, one
 * for the API, and one for Apollo's landing page (GET /graphql from a browser, off in production).
 *
 * - The SPA's CSP allows only its own origin: the Vite build is module scripts and a stylesheet
 *   from /assets, React sets styles through the DOM (which CSP does not govern), and GraphQL goes
 *   to the same origin over fetch and WebSocket (`'self'` covers ws:/wss: on the same host).
 * - The API's CSP allows nothing: JSON and event streams never need to load anything.
 * - The landing page carries its own CSP in a meta tag (nonce-based, for Apollo's CDN); a header
 *   policy adds to it (both must pass), so here it only says what a meta tag cannot.
 * - No HSTS and no upgrade-insecure-requests: the server speaks plain HTTP and cannot know whether
 *   a TLS proxy is in front of it, so the proxy adds HSTS (docs/runbook.md).
 */
export function securityHeaders(): express.RequestHandler {
  const spa = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    // helmet's default, no-referrer: nothing in a URL here is anyone else's business.
  });
  const api = helmet.contentSecurityPolicy({ useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } });
  const landingPage = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc,
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
    },
  });
  return (req, res, next) => {
    spa(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (!API_PATHS.test(req.path)) return next();
      (isLandingPageRequest(req) ? landingPage : api)(req, res, next);
    });
  };
}

/** What Apollo answers with its HTML landing page: a browser's GET of /graphql without a query. */
function isLandingPageRequest(req: express.Request): boolean {
  return (
    req.method === 'GET' && /^\/graphql\/?$/.test(req.path) && req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html'
  );
}
