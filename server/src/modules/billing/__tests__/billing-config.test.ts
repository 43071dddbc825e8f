import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../platform/config.js';
import { STRIPE_API_VERSION, createStripeClient, stripeConnection } from '../stripe.client.js';

const load = (env: Record<string, string>) => loadConfig(env, { dataDir: '/nonexistent/tollgate-billing-config' });
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'x'.repeat(40),
  TOLLGATE_ENCRYPTION_KEY: 'ab'.repeat(32),
  DATABASE_URL: 'postgres://tollgate:pw@db.internal:5432/tollgate',
  ADMIN_EMAIL: 'root@example.com',
  ADMIN_PASSWORD: 'admin-pass-12345',
};

function refusedNames(env: Record<string, string>): string[] {
  try {
    load(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) => p.split(':')[0]!).sort();
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('billing configuration', () => {
  it('builds the public URL from the port when none is given, and drops a trailing slash', () => {
    expect(load({}).PUBLIC_URL).toBe('http://localhost:4000');
    expect(load({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(load({ PUBLIC_URL: 'https://tollgate.example.com/' }).PUBLIC_URL).toBe('https://tollgate.example.com');
  });

  it('runs payments in test mode only without a Stripe key, and in production only when asked to', () => {
    expect(load({}).PAYMENTS_TEST_MODE).toBe(true);
    expect(load({ PAYMENTS_TEST_MODE: 'false' }).PAYMENTS_TEST_MODE).toBe(false);
    expect(load({ STRIPE_SECRET_KEY: 'sk_test_123' }).PAYMENTS_TEST_MODE).toBe(false);
    expect(load(PRODUCTION).PAYMENTS_TEST_MODE).toBe(false);
    expect(load({ ...PRODUCTION, PAYMENTS_TEST_MODE: 'true' }).PAYMENTS_TEST_MODE).toBe(true);
  });

  it('refuses malformed Stripe settings, naming each variable', () => {
    expect(
      refusedNames({
        STRIPE_SECRET_KEY: 'pk_test_publishable',
        STRIPE_WEBHOOK_SECRET: 'not-a-secret',
        STRIPE_API_URL: 'ftp://127.0.0.1:1',
        PUBLIC_URL: 'tollgate.example.com',
        PAYMENTS_TEST_MODE: 'yes',
      }),
    ).toEqual(['PAYMENTS_TEST_MODE', 'PUBLIC_URL', 'STRIPE_API_URL', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);
  });

  it('never prints a refused Stripe secret', () => {
    try {
      load({ STRIPE_SECRET_KEY: 'pk_live_do_not_print', STRIPE_WEBHOOK_SECRET: 'also_do_not_print' });
    } catch (err) {
      expect((err as Error).message).not.toMatch(/do_not_print/);
      return;
    }
    throw new Error('expected a refusal');
  });
});

describe('the Stripe client', () => {
  it('reads STRIPE_API_URL as the SDK host, port and protocol', () => {
    expect(stripeConnection(undefined)).toEqual({});
    expect(stripeConnection('http://127.0.0.1:12111')).toEqual({ host: '127.0.0.1', port: 12111, protocol: 'http' });
    expect(stripeConnection('https://stripe-proxy.internal')).toEqual({ host: 'stripe-proxy.internal', port: 443, protocol: 'https' });
  });

  it('exists only with a secret key, on the pinned API version, with retries and a timeout', () => {
    expect(createStripeClient({ STRIPE_SECRET_KEY: undefined, STRIPE_API_URL: undefined })).toBeNull();
    const stripe = createStripeClient({ STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_API_URL: 'http://127.0.0.1:9' })!;
    expect(stripe.getApiField('version')).toBe(STRIPE_API_VERSION);
    expect(stripe.getApiField('host')).toBe('127.0.0.1');
    expect(stripe.getMaxNetworkRetries()).toBeGreaterThan(0);
    expect(stripe.getApiField('timeout')).toBeGreaterThan(0);
  });
});
