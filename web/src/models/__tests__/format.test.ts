import { describe, expect, it } from 'vitest';
import { displayBps, displayCount, displayTokens, displayUsd } from '../format';

describe('displayUsd', () => {
  it('shows at least cents and never drops a digit', () => {
    expect(displayUsd('2.5')).toBe('$2.50');
    expect(displayUsd('10')).toBe('$10.00');
    expect(displayUsd('0.075')).toBe('$0.075');
    expect(displayUsd('0')).toBe('$0.00');
    expect(displayUsd('1250.10')).toBe('$1,250.10');
  });
});

describe('displayTokens', () => {
  it('shortens context windows the way providers name them', () => {
    expect(displayTokens(128_000)).toBe('128K');
    expect(displayTokens(16_385)).toBe('16K');
    expect(displayTokens(1_048_576)).toBe('1M');
    expect(displayTokens(2_097_152)).toBe('2M');
    expect(displayTokens(1_500_000)).toBe('1.5M');
    expect(displayTokens(512)).toBe('512');
  });
});

describe('displayBps and displayCount', () => {
  it('writes basis points as a percentage and counts with separators', () => {
    expect(displayBps(1_000)).toBe('10%');
    expect(displayBps(250)).toBe('2.5%');
    expect(displayBps(1_505)).toBe('15.05%');
    expect(displayBps(0)).toBe('0%');
    expect(displayCount(100_000_000)).toBe('100,000,000');
  });
});
