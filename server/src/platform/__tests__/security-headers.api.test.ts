import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/app.js';

const WEB_DIST = fileURLToPath(new URL('../../../../web/dist', import.meta.url));

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ WEB_DIST_DIR: WEB_DIST });
});
afterAll(async () => {
  await t?.stop();
});

/** The CSP header as a directive → sources map. */
function csp(res: Response): Map<string, string> {
  const header = res.headers.get('content-security-policy') ?? '';
  return new Map(
    header
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...sources] = d.split(/\s+/);
        return [name!, sources.join(' ')];
      }),
  );
}

function expectBaseline(res: Response) {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(csp(res).get('frame-ancestors')).toBe("'none'");
  // HSTS is the TLS proxy's to send: this server speaks plain HTTP and cannot know it is behind TLS.
  expect(res.headers.get('strict-transport-security')).toBeNull();
  expect(csp(res).has('upgrade-insecure-requests')).toBe(false);
}

describe('security headers', () => {
  it('serves the SPA with a same-origin CSP, nosniff, no framing and no referrer', async () => {
    for (const path of ['/', '/playground']) {
      const res = await fetch(`${t.url}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expectBaseline(res);
      const policy = csp(res);
      expect(policy.get('default-src')).toBe("'self'");
      expect(policy.get('script-src')).toBe("'self'");
      expect(policy.get('style-src')).toBe("'self'");
      expect(policy.get('connect-src')).toBe("'self'");
      expect(policy.get('object-src')).toBe("'none'");
      expect(policy.get('base-uri')).toBe("'self'");
    }
  });

  it("serves the SPA's hashed assets with the same headers", async () => {
    const asset = readdirSync(`${WEB_DIST}/assets`).find((f) => f.endsWith('.js'))!;
    const res = await fetch(`${t.url}/assets/${asset}`);
    expect(res.status).toBe(200);
    expectBaseline(res);
  });

  it('answers GraphQL, /v1 and health checks with a CSP that allows nothing', async () => {
    const responses = [
      await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }),
      await fetch(`${t.url}/v1/models`),
      await fetch(`${t.url}/healthz`),
    ];
    for (const res of responses) {
      expectBaseline(res);
      expect(csp(res).get('default-src')).toBe("'none'");
    }
  });

  it("leaves Apollo's landing page its own nonce policy, adding only what a meta tag cannot say", async () => {
    const res = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/http-equiv="Content-Security-Policy"/);
    expectBaseline(res);
    expect(csp(res).has('script-src')).toBe(false);
    expect(csp(res).has('default-src')).toBe(false);
  });

  it('turns the landing page off in production', async () => {
    const production = await startTestApp({ NODE_ENV: 'production', WEB_DIST_DIR: WEB_DIST });
    try {
      const res = await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await res.text()).not.toMatch(/apollographql\.com/);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    } finally {
      await production.stop();
    }
  });
});
