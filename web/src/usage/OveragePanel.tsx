import { parseCredits } from '@tollgate/shared';
import { Credits } from '../ui/Credits';
import { ratioPercent } from '../ui/format-percent';
import { allowanceShare, overagePolicyText, periodLabel, tokens } from './overage';
import { useOverage } from './useOverage';

/**
 * This month's token allowance (the UTC calendar month, whatever range the page shows), what is
 * used, and what passed it: the tokens and the credits charged for them, surcharge included.
 * Amounts are the server's exact strings.
 */
export function OveragePanel() {
  const { overage: o, error } = useOverage();
  if (error && !o) return null; // the usage figures above still stand; the panel is an extra
  if (!o) return <p className="muted">Loading this month's allowance…</p>;
  const share = allowanceShare(o);
  return (
    <section
      className="card overage-panel"
      data-testid="overage-panel"
      data-policy={o.policy}
      data-used={o.usedTokens}
      data-overage-tokens={o.overageTokens}
      data-overage-credits={o.overageCredits}
      aria-labelledby="overage-title"
    >
      <h2 id="overage-title">Monthly allowance</h2>
      <p className="muted">{periodLabel(o)}</p>
      <meter min={0} max={1} value={share} high={0.8} optimum={0} aria-label="Allowance used">
        {ratioPercent(share)}
      </meter>
      <dl className="overage-figures">
        <div>
          <dt>Allowance</dt>
          <dd data-testid="overage-allowance">{tokens(o.allowanceTokens)}</dd>
        </div>
        <div>
          <dt>Used</dt>
          <dd data-testid="overage-used">{tokens(o.usedTokens)}</dd>
        </div>
        <div>
          <dt>Left</dt>
          <dd>{tokens(o.remainingTokens)}</dd>
        </div>
        <div>
          <dt>Overage</dt>
          <dd data-testid="overage-tokens">{tokens(o.overageTokens)}</dd>
        </div>
        <div>
          <dt>Overage credits</dt>
          <dd data-testid="overage-credits">
            <Credits value={o.overageCredits} unit={false} />
          </dd>
          {parseCredits(o.surchargeCredits) > 0n && (
            <dd className="muted">
              of which surcharge <Credits value={o.surchargeCredits} unit={false} />
            </dd>
          )}
        </div>
      </dl>
      <p data-testid="overage-policy">{overagePolicyText(o)}</p>
    </section>
  );
}
