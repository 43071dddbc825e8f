import { describe, expect, it } from 'vitest';
import { thresholdProblem } from '../runway/threshold';

describe('thresholdProblem', () => {
  it('takes a positive number of days', () => {
    expect(thresholdProblem('7')).toBeUndefined();
    expect(thresholdProblem(' 3.5 ')).toBeUndefined();
    expect(thresholdProblem('3650')).toBeUndefined();
  });

  it('says what is wrong with anything else', () => {
    expect(thresholdProblem('')).toMatch(/Enter/);
    expect(thresholdProblem('-1')).toMatch(/such as/);
    expect(thresholdProblem('1e3')).toMatch(/such as/);
    expect(thresholdProblem('0')).toMatch(/more than 0/);
    expect(thresholdProblem('3651')).toMatch(/3650/);
  });
});
