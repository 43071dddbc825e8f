import { describe, expect, it } from 'vitest';
import { toCsv, type CsvColumn } from '../csv';

interface Row {
  name: string;
  usd: string;
  count: number;
  margin: string | null;
}
const COLUMNS: CsvColumn<Row>[] = [
  { header: 'Name', value: (r) => r.name },
  { header: 'Cost (USD)', value: (r) => r.usd },
  { header: 'Requests', value: (r) => r.count },
  { header: 'Margin (%)', value: (r) => r.margin },
];

describe('toCsv', () => {
  it('writes a header and one line per row, CRLF-terminated, values exactly as given', () => {
    const text = toCsv([{ name: 'sandbox/echo', usd: '0.000031', count: 3, margin: '99.99' }], COLUMNS);
    expect(text).toBe('Name,Cost (USD),Requests,Margin (%)\r\nsandbox/echo,0.000031,3,99.99\r\n');
  });

  it('writes the header alone when there are no rows', () => {
    expect(toCsv([], COLUMNS)).toBe('Name,Cost (USD),Requests,Margin (%)\r\n');
  });

  it('quotes fields with commas, quotes or line breaks, doubling quotes', () => {
    const text = toCsv([{ name: 'a, "b"\nc', usd: '1.000000', count: 0, margin: null }], COLUMNS);
    expect(text.split('\r\n')[1]).toBe('"a, ""b""\nc",1.000000,0,');
  });

  it('keeps negative numbers as numbers but defuses spreadsheet formulas', () => {
    const rows = [
      { name: '=HYPERLINK("x")', usd: '-0.500000', count: -1, margin: '-12.50' },
      { name: '+1', usd: '@sum', count: 0, margin: '-x' },
    ];
    const [, first, second] = toCsv(rows, COLUMNS).split('\r\n');
    expect(first).toBe(`"'=HYPERLINK(""x"")",-0.500000,-1,-12.50`);
    expect(second).toBe(`'+1,'@sum,0,'-x`);
    expect(toCsv([{ name: '\tcmd', usd: '-', count: 0, margin: '-.5' }], COLUMNS).split('\r\n')[1]).toBe(`'\tcmd,'-,0,'-.5`);
  });
});
