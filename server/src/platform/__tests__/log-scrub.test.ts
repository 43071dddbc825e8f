import { randomBytes } from 'node:crypto';
import { type DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';

/** One logger writing into an array; each test reads back the parsed line. */
function capture() {
  const lines: string[] = [];
  const log = createLogger('debug', { write: (line: string) => void lines.push(line) });
  return { log, lines, last: () => JSON.parse(lines.at(-1)!) as Record<string, any> };
}

/** What pg hands MikroORM for a refused insert, as MikroORM wraps it. */
function refusedInsert(email: string): DriverException {
  const pgError = Object.assign(
    new Error(`insert into "app_user" ("email") values ('${email}') - duplicate key value violates unique constraint "app_user_email_unique"`),
    {
      code: '23505',
      severity: 'ERROR',
      routine: '_bt_check_unique',
      detail: `Key (email)=(${email}) already exists.`,
    },
  );
  return new UniqueConstraintViolationException(pgError);
}

describe('error text', () => {
  it("leaves an ordinary error's quoted text alone, in message and stack", () => {
    const { log, last } = capture();
    let err: unknown;
    try {
      const user = undefined as unknown as { id: string };
      void user.id;
    } catch (caught) {
      err = caught;
    }
    log.error({ err }, 'boom');
    const line = last();
    expect(line.err.type).toBe('TypeError');
    expect(line.err.message).toContain("(reading 'id')");
    expect(line.err.stack).toContain("(reading 'id')");
  });

  it("scrubs a database error's values, and a wrapper's whose cause is one (its message includes the cause's)", () => {
    const { log, lines, last } = capture();
    const email = `scrub-${randomBytes(6).toString('hex')}@example.com`;
    log.error({ err: refusedInsert(email) }, 'insert failed');
    expect(last().err).toMatchObject({ type: 'UniqueConstraintViolationException', code: '23505', detail: 'Key (email)=(?) already exists.' });
    expect(last().err.message).toMatch(/^insert into "app_user" \("email"\) values \('\?'\) - duplicate key/);
    log.error({ err: new Error("could not save the user 'x'", { cause: refusedInsert(email) }) }, 'wrapped');
    expect(last().err.message).toContain("could not save the user '?'");
    expect(lines.join('')).not.toContain(email);
  });

  it('does not take a Node error code for an SQLSTATE', () => {
    const { log, last } = capture();
    log.error({ err: Object.assign(new Error("write EPIPE on 'socket-7'"), { code: 'EPIPE' }) }, 'pipe');
    expect(last().err.message).toBe("write EPIPE on 'socket-7'");
  });
});

describe('depth', () => {
  it('writes [truncated] for what is nested deeper than the scrubber looks, not the value', () => {
    const { log, lines, last } = capture();
    const secret = `deep-${randomBytes(8).toString('hex')}`;
    const err = Object.assign(new Error('upstream failed'), { info: { a: { b: { c: { d: { e: { note: secret } } } } } } });
    log.error({ err }, 'deep');
    expect(last().err.info.a.b.c.d).toBe('[truncated]');
    expect(lines.join('')).not.toContain(secret);
  });
});

describe('credential shapes', () => {
  it('redacts Stripe secret and restricted keys and webhook secrets, keeping what kind they were', () => {
    const { log, lines } = capture();
    const tail = () => randomBytes(18).toString('base64url').replace(/[-_]/g, 'x');
    const keys = [`sk_live_${tail()}`, `sk_test_${tail()}`, `rk_live_${tail()}`, `rk_test_${tail()}`, `whsec_${tail()}`];
    log.warn(`stripe refused ${keys[0]}; test=${keys[1]} (restricted "${keys[2]}", ${keys[3]}) webhook secret:${keys[4]}`);
    log.info({ stripe: { key: keys[1], webhookSecret: keys[4] } }, 'config');
    const all = lines.join('');
    for (const key of keys) expect(all).not.toContain(key.slice(8));
    for (const kept of ['sk_live_[redacted]', 'sk_test_[redacted]', 'rk_live_[redacted]', 'rk_test_[redacted]', 'whsec_[redacted]'])
      expect(all).toContain(kept);
    expect(all).toContain('stripe refused');
  });
});
