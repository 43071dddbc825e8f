import { describe, expect, it } from 'vitest';
import { ratioPercent } from '../../ui/format-percent';
import { dailySeries, hasUsage, modelLabel, modelSeries, plotCredits, sumCredits, type ModelUsageRow } from '../chart-data';

const day = (day: string, credits: string, requests = 1, cachedRequests = 0) => ({
  day,
  requests,
  cachedRequests,
  errorRequests: 0,
  credits,
  creditsSaved: '0.000000',
});
const model = (id: string, credits: string, requests = 1): ModelUsageRow => ({ model: id, requests, cachedRequests: 0, credits, creditsSaved: '0.000000' });

describe('spend by day', () => {
  it('has a point for every day of the range, zero where nothing was used', () => {
    const points = dailySeries([day('2025-03-02', '1.250000', 3, 1)], { from: '2025-03-01', to: '2025-03-03' });
    expect(points.map((p) => [p.day, p.label, p.credits, p.requests, p.providerRequests])).toEqual([
      ['2025-03-01', 'Mar 1', '0.000000', 0, 0],
      ['2025-03-02', 'Mar 2', '1.250000', 3, 2],
      ['2025-03-03', 'Mar 3', '0.000000', 0, 0],
    ]);
    expect(points[1]).toMatchObject({ spendValue: 1.25, cachedRequests: 1 });
  });

  it('ignores rows outside the range', () => {
    expect(dailySeries([day('2025-02-28', '9.000000')], { from: '2025-03-01', to: '2025-03-01' })[0]!.credits).toBe('0.000000');
  });
});

describe('spend by model', () => {
  it('orders models by exact spend, not by their float', () => {
    // As floats these two are equal; as credits the second is a micro-credit more.
    const rows = [model('a', '9007199254.740993'), model('b', '9007199254.740994'), model('c', '0.000001')];
    expect(plotCredits('9007199254.740993')).toBe(plotCredits('9007199254.740994'));
    expect(modelSeries(rows).map((p) => p.model)).toEqual(['b', 'a', 'c']);
  });

  it('breaks ties by model id, so the bars keep their order between refreshes', () => {
    expect(modelSeries([model('z', '1.000000'), model('m', '1.000000')]).map((p) => p.model)).toEqual(['m', 'z']);
  });

  it('sums the models past the top ones exactly into one Other bar', () => {
    const rows = ['0.100000', '0.200000', '0.300000', '0.000001', '0.000002'].map((credits, i) => model(`m${i}`, credits, i + 1));
    const points = modelSeries(rows, 2);
    expect(points.map((p) => [p.model, p.credits, p.requests])).toEqual([
      ['m2', '0.300000', 3],
      ['m1', '0.200000', 2],
      ['Other (3 models)', '0.100003', 1 + 4 + 5],
    ]);
  });

  it('names a tracked service beside its model, and a service without a model once', () => {
    expect(modelLabel({ ...model('text-embedding-3-small', '1.000000'), service: 'embeddings' })).toBe('text-embedding-3-small (embeddings)');
    expect(modelLabel({ ...model('tts', '1.000000'), service: 'tts' })).toBe('tts');
    expect(modelLabel({ ...model('sandbox/echo', '1.000000'), service: 'completion' })).toBe('sandbox/echo');
  });

  it('never makes an Other bar for a single model', () => {
    expect(modelSeries([model('a', '3.000000'), model('b', '2.000000'), model('c', '1.000000')], 2).map((p) => p.model)).toEqual(['a', 'b', 'c']);
  });
});

describe('figures', () => {
  it('adds credits exactly where floats would drift', () => {
    expect(sumCredits(['0.100000', '0.200000'])).toBe('0.300000');
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumCredits([])).toBe('0.000000');
  });

  it('shows a rate as a percentage with one decimal at most', () => {
    expect(ratioPercent(0)).toBe('0%');
    expect(ratioPercent(0.5)).toBe('50%');
    expect(ratioPercent(1 / 3)).toBe('33.3%');
    expect(ratioPercent(1.2)).toBe('100%');
    expect(ratioPercent(Number.NaN)).toBe('—');
  });

  it('knows when there is nothing to chart', () => {
    expect(hasUsage(dailySeries([], { from: '2025-03-01', to: '2025-03-02' }))).toBe(false);
    expect(hasUsage([{ requests: 1 }])).toBe(true);
  });
});
