import { describe, expect, it } from 'vitest';
import { campaignCsv, campaignFileName, campaignProblems } from '../campaign-csv';

describe('campaign CSV', () => {
  it("uses the server's CSV, with CRLF line ends", () => {
    expect(campaignCsv({ codes: ['A'], csv: 'code\nA' })).toBe('code\r\nA\r\n');
    expect(campaignCsv({ codes: ['A'], csv: 'code\r\nA\r\n' })).toBe('code\r\nA\r\n');
  });

  it('builds one code a line when there is no CSV', () => {
    expect(campaignCsv({ codes: ['SPRING-1', 'SPRING-2'], csv: null })).toBe('code\r\nSPRING-1\r\nSPRING-2\r\n');
  });

  it('names the file after the campaign and the day', () => {
    expect(campaignFileName('Spring Sale!', new Date('2026-12-04T10:00:00Z'))).toBe('coupons-spring-sale-2026-12-04.csv');
    expect(campaignFileName('***', new Date('2026-12-04T10:00:00Z'))).toBe('coupons-campaign-2026-12-04.csv');
  });
});

describe('campaignProblems', () => {
  it('takes a short name and 1 to 1000 codes', () => {
    expect(campaignProblems('Spring sale', '250')).toEqual({});
    expect(campaignProblems('', '0')).toHaveProperty('name');
    expect(campaignProblems('x', '1001').count).toMatch(/1 to 1,000/);
    expect(campaignProblems('x', '2.5').count).toBeDefined();
  });
});
