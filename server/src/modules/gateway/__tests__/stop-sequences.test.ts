import { describe, expect, it } from 'vitest';
import { cutAtStop, StopScanner } from '../openai-compat/stop.js';

/** Feeds pieces through a scanner the way a stream does; what went out, and what ended it. */
function stream(pieces: string[], sequences: string[]): { out: string; matched: string | null; fed: number } {
  const scanner = new StopScanner(sequences);
  let out = '';
  let fed = 0;
  for (const piece of pieces) {
    fed += 1;
    out += scanner.push(piece);
    if (scanner.matched !== null) return { out, matched: scanner.matched, fed };
  }
  return { out: out + scanner.flush(), matched: null, fed };
}

describe('stop sequences', () => {
  it('cut a whole reply before the first sequence it contains (the earliest, whichever is listed first)', () => {
    expect(cutAtStop('one two three four', ['four', 'two'])).toEqual({ text: 'one ', matched: 'two' });
    expect(cutAtStop('one two', [])).toEqual({ text: 'one two', matched: null });
    expect(cutAtStop('one two', ['five'])).toEqual({ text: 'one two', matched: null });
    expect(cutAtStop('STOP at once', ['STOP'])).toEqual({ text: '', matched: 'STOP' });
  });

  it('find a sequence split across pieces, holding back only what could begin one', () => {
    const scanner = new StopScanner(['</end>']);
    expect(scanner.push('text </e')).toBe('text ');
    expect(scanner.push('nd> more')).toBe('');
    expect(scanner.matched).toBe('</end>');
    expect(stream(['alpha be', 'ta gam', 'ma delta'], ['a gam'])).toEqual({ out: 'alpha bet', matched: 'a gam', fed: 2 });
  });

  it('give back held text that turned out not to be a sequence, and everything at the end', () => {
    const scanner = new StopScanner(['###']);
    expect(scanner.push('a #')).toBe('a ');
    expect(scanner.push('# b')).toBe('## b');
    expect(scanner.push(' c ##')).toBe(' c ');
    expect(scanner.flush()).toBe('##');
    expect(stream(['x', 'y', 'z'], ['yz!'])).toEqual({ out: 'xyz', matched: null, fed: 3 });
  });

  it('at equal positions, the longer sequence wins; nothing goes out after a match', () => {
    const scanner = new StopScanner(['ab', 'abc']);
    expect(scanner.push('xabcd')).toBe('x');
    expect(scanner.matched).toBe('abc');
    expect(scanner.push('more')).toBe('');
  });
});
