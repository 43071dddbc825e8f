import { describe, expect, it } from 'vitest';
import { byAttention, healthOf, latencyLabel, type ProviderStatusRow } from '../provider-health';

const status = (name: string, extra: Partial<ProviderStatusRow> = {}): ProviderStatusRow => ({
  name,
  available: true,
  requests: 100,
  errors: 0,
  errorRate: 0,
  medianLatencyMs: 120,
  lastErrorAt: null,
  ...extra,
});

describe("the admin's provider status", () => {
  it('calls an unavailable provider down, whatever its numbers', () => {
    expect(healthOf(status('openai', { available: false }))).toBe('down');
  });

  it('calls a provider degraded from one error in twenty', () => {
    expect(healthOf(status('anthropic', { errors: 4, errorRate: 0.04 }))).toBe('ok');
    expect(healthOf(status('anthropic', { errors: 5, errorRate: 0.05 }))).toBe('degraded');
  });

  it('does not judge a provider nobody called', () => {
    expect(healthOf(status('google', { requests: 0, medianLatencyMs: null }))).toBe('idle');
  });

  it('lists what needs attention first, then by name', () => {
    const rows = [
      status('sandbox'),
      status('openrouter', { requests: 0 }),
      status('openai', { errorRate: 0.5 }),
      status('google', { available: false }),
      status('anthropic'),
    ];
    expect(byAttention(rows).map((row) => row.name)).toEqual(['google', 'openai', 'anthropic', 'sandbox', 'openrouter']);
  });

  it('shows latency in milliseconds, seconds past one, and a dash when unmeasured', () => {
    expect(latencyLabel(85.4)).toBe('85 ms');
    expect(latencyLabel(1250)).toBe('1.3 s');
    expect(latencyLabel(null)).toBe('—');
  });
});
