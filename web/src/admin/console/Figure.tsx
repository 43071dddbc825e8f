import { formatCredits, formatPercent, formatUsd } from '../../ui/format-money';

type Kind = 'usd' | 'credits' | 'percent';

const FORMAT: Record<Kind, (value: string | null | undefined) => string> = {
  usd: formatUsd,
  credits: formatCredits,
  percent: formatPercent,
};
const UNIT: Record<Kind, string> = { usd: ' USD', credits: ' credits', percent: '%' };

/** A figure for people (rounded once), with the exact value the API sent on hover. */
export function Figure({ value, kind, testId }: { value: string | null | undefined; kind: Kind; testId?: string }) {
  const exact = value == null ? 'No value (nothing to divide by)' : `${value}${UNIT[kind]}`;
  return (
    <span title={exact} data-value={value ?? ''} data-testid={testId}>
      {FORMAT[kind](value)}
    </span>
  );
}
