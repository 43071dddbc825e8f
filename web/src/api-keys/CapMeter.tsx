import type { SpendPeriod } from '../gql/graphql';
import { Credits } from '../ui/Credits';
import { formatDateTime } from '../ui/format-date';
import { formatCredits } from '../ui/format-money';
import { ratioPercent } from '../ui/format-percent';
import { capReached, capShare, resetsIn } from './cap-meter';
import { periodLabel } from './key-limits';

export interface CapSpendView {
  cap: { limit: string; period: SpendPeriod };
  spent: string;
  remaining: string;
  resetsAt: string;
}

interface Props {
  capSpend: CapSpendView;
  /** The moment "resets in …" is measured from (the screen's clock). */
  now: Date;
  testId?: string;
}

/**
 * A spend cap and this period's spend as the server computed them (settled spending and holds of
 * calls in flight): a meter, "spent / cap", what is left, and when it resets.
 */
export function CapMeter({ capSpend: c, now, testId = 'cap-meter' }: Props) {
  const share = capShare(c.spent, c.cap.limit);
  const full = capReached(c);
  const label = `Spend cap ${formatCredits(c.cap.limit)} credits ${periodLabel(c.cap.period)}: ${formatCredits(c.spent)} spent`;
  return (
    <div className="cap-meter" data-testid={testId} data-spent={c.spent} data-limit={c.cap.limit} data-remaining={c.remaining} data-full={String(full)}>
      <meter min={0} max={1} value={share} low={0.5} high={0.8} optimum={0} aria-label={label}>
        {ratioPercent(share)}
      </meter>
      <span className="cap-figures">
        <Credits value={c.spent} unit={false} usd={false} testId="cap-spent" /> / <Credits value={c.cap.limit} usd={false} testId="cap-limit" />{' '}
        {periodLabel(c.cap.period)}
      </span>
      <span className={full ? 'cap-state cap-full' : 'cap-state muted'}>
        {full ? (
          <strong data-testid="cap-reached">Cap reached</strong>
        ) : (
          <span>
            <Credits value={c.remaining} unit={false} usd={false} testId="cap-remaining" /> left
          </span>
        )}
        {' · '}
        <time dateTime={c.resetsAt} title={`Resets ${formatDateTime(c.resetsAt)}`} data-testid="cap-resets">
          {resetsIn(c.resetsAt, now)} ({formatDateTime(c.resetsAt)})
        </time>
      </span>
    </div>
  );
}
