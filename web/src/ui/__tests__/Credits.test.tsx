import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CreditsView } from '../Credits';

const html = (element: React.ReactElement) => renderToStaticMarkup(element).replace(/<!-- -->/g, '');
const text = (element: React.ReactElement) =>
  html(element)
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<');

describe('<Credits>', () => {
  it('shows the short figure, the word, and the dollars beside it', () => {
    expect(text(<CreditsView value="9.995485" kind="balance" creditUsd="0.010000" />)).toBe('9.99 credits ($0.10)');
    expect(text(<CreditsView value="10.000000" kind="balance" creditUsd="0.010000" />)).toBe('10.00 credits ($0.10)');
  });

  it('puts the exact credits and dollars in the title', () => {
    expect(html(<CreditsView value="9.995485" kind="balance" creditUsd="0.010000" />)).toContain('title="9.995485 credits = $0.09995485"');
    expect(html(<CreditsView value="-0.000450" signed creditUsd="0.010000" />)).toContain('title="−0.00045 credits = −$0.0000045"');
  });

  it('shows a tiny charge with its digits and "< $0.01"', () => {
    expect(text(<CreditsView value="-0.000450" signed creditUsd="0.010000" />)).toBe('−0.00045 credits (< $0.01)');
    expect(text(<CreditsView value="2.500000" signed creditUsd="0.010000" />)).toBe('+2.50 credits ($0.03)');
  });

  it('computes dollars exactly at any rate and size', () => {
    expect(text(<CreditsView value="99999999999999999.000000" creditUsd="0.030000" />)).toBe('99,999,999,999,999,999.00 credits ($2,999,999,999,999,999.97)');
  });

  it('leaves out what it is told to, and the dollars until the rate is known', () => {
    expect(text(<CreditsView value="1.5" unit={false} usd={false} creditUsd="0.01" />)).toBe('1.50');
    expect(text(<CreditsView value="1.5" />)).toBe('1.50 credits');
    expect(text(<CreditsView value={null} creditUsd="0.01" />)).toBe('—');
  });

  it('keeps the exact API string for tests and tools', () => {
    expect(html(<CreditsView value="9.995485" creditUsd="0.01" testId="x" />)).toContain('data-exact="9.995485"');
  });
});
