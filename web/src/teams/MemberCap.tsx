import { Credits } from '../ui/Credits';
import { formatDateTime } from '../ui/format-date';
import { periodWord, resetsIn } from './cap-text';
import type { SpendPeriodValue } from './useTeamMembers';

export interface MemberCapData {
  cap: { limit: string; period: SpendPeriodValue } | null;
  capSpend: { spent: string; remaining: string; periodStart: string; resetsAt: string } | null;
  spentThisMonth: string;
}

/**
 * A member's spend cap and this period's spend ("3.20 of 10.00 credits per day, resets in 5 hours"),
 * or, without a cap, what they spent this month. Every figure through Credits (format-money).
 */
export function MemberCap({ data, now }: { data: MemberCapData; now: Date }) {
  if (!data.cap) {
    return (
      <span className="team-cap" data-testid="member-cap" data-cap="none">
        <span>No cap</span>
        <span className="muted team-cap-reset">
          <Credits value={data.spentThisMonth} usd={false} /> this month
        </span>
      </span>
    );
  }
  const spent = data.capSpend?.spent ?? '0';
  return (
    <span className="team-cap" data-testid="member-cap" data-cap={data.cap.limit} data-spent={spent} data-period={data.cap.period}>
      <span>
        <Credits value={spent} unit={false} usd={false} /> of <Credits value={data.cap.limit} usd={false} /> per {periodWord(data.cap.period)}
      </span>
      {data.capSpend && (
        <span className="muted team-cap-reset">
          resets {resetsIn(data.capSpend.resetsAt, now)} (<time dateTime={data.capSpend.resetsAt}>{formatDateTime(data.capSpend.resetsAt)}</time>)
        </span>
      )}
    </span>
  );
}
