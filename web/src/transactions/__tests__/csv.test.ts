import { describe, expect, it } from 'vitest';
import { csvField, inertText, toCsv } from '../csv';

describe('csvField', () => {
  it('leaves plain text alone', () => {
    expect(csvField('Admin grant')).toBe('Admin grant');
    expect(csvField('-2.500000')).toBe('-2.500000');
  });

  it('quotes a field with a comma', () => {
    expect(csvField('spring, 2025')).toBe('"spring, 2025"');
  });

  it('doubles quotes inside a quoted field', () => {
    expect(csvField('the "big" one')).toBe('"the ""big"" one"');
  });

  it('quotes a field with a line break, keeping the break', () => {
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });

  it('writes nothing for null and undefined', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });
});

describe('toCsv', () => {
  it('ends every row, the last one included, with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toBe('a,b\r\n1,2\r\n');
  });

  it('keeps a multi-line field inside its row', () => {
    expect(
      toCsv([
        ['id', 'note'],
        ['1', 'x\ny, "z"'],
      ]),
    ).toBe('id,note\r\n1,"x\ny, ""z"""\r\n');
  });
});

describe('inertText', () => {
  it('defuses text a spreadsheet would run as a formula', () => {
    expect(inertText('=HYPERLINK("http://evil")')).toBe(`'=HYPERLINK("http://evil")`);
    expect(inertText('+1')).toBe("'+1");
    expect(inertText('-x')).toBe("'-x");
    expect(inertText('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('leaves ordinary text as it is', () => {
    expect(inertText('Goodwill credit')).toBe('Goodwill credit');
    expect(inertText('')).toBe('');
  });
});
