import { describe, expect, it } from 'vitest';
import { scrubForAudit } from '../audit.scrub.js';

describe('scrubForAudit', () => {
  it('redacts secret-named keys at any depth and keeps the others', () => {
    const out = scrubForAudit({
      input: { apiKey: 'abc', password: 'p', secret: 's', sessionToken: 't', maxTokensPerRequest: 10, monthlyTokenAllowance: 5n, csv: 'A,B' },
    });
    expect(out).toEqual({
      input: {
        apiKey: '[redacted]',
        password: '[redacted]',
        secret: '[redacted]',
        sessionToken: '[redacted]',
        maxTokensPerRequest: 10,
        monthlyTokenAllowance: '5',
        csv: '[redacted]',
      },
    });
  });

  it('scrubs credential-shaped strings under any key', () => {
    const out = JSON.stringify(
      scrubForAudit({
        reason: 'key tg_0123abcd_abcdefghijklmnopqrstuvwx leaked, also sk-proj-abcdefghijklmnopqrstu and sk_live_abcdefghij and sk_fuzz_0123456789abcdef',
      }),
    );
    expect(out).not.toMatch(/abcdefghijklmnopqrstuvwx|abcdefghijklmnopqrstu|sk_live_abcdefghij|0123456789abcdef/);
    expect(out).toContain('tg_0123abcd_[redacted]');
  });

  it('makes anything JSON-safe and bounded: bigint, Date, functions, long strings, long lists, deep nesting', () => {
    const deep: Record<string, unknown> = {};
    let node = deep;
    for (let i = 0; i < 10; i += 1) node = (node.next = {}) as Record<string, unknown>;
    const out = scrubForAudit({
      n: 10n ** 30n,
      at: new Date('2026-12-05T00:00:00Z'),
      fn: () => 1,
      long: 'x'.repeat(5_000),
      list: Array.from({ length: 150 }, (_, i) => i),
      deep,
      nan: Number.NaN,
    }) as Record<string, any>;
    expect(out.n).toBe('1000000000000000000000000000000');
    expect(out.at).toBe('2026-12-05T00:00:00.000Z');
    expect('fn' in out).toBe(false);
    expect(out.long.length).toBeLessThanOrEqual(1_001);
    expect(out.list).toHaveLength(101);
    expect(JSON.stringify(out.deep)).toContain('[too deep]');
    expect(out.nan).toBeNull();
    expect(() => JSON.stringify(out)).not.toThrow();
  });
});
