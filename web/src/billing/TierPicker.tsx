import { displayUsd } from '../models/format';

interface Props {
  id: string;
  label: string;
  tiers: readonly { code: string; name: string; monthlyPriceUsd: string }[];
  value: string;
  onChange: (code: string) => void;
  disabled?: boolean;
}

export function TierPicker({ id, label, tiers, value, onChange, disabled }: Props) {
  return (
    <div className="field tier-picker">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="select" value={value} onChange={(event) => onChange(event.target.value)} disabled={disabled} data-testid={id}>
        {tiers.map((tier) => (
          <option key={tier.code} value={tier.code}>
            {tier.name} — {displayUsd(tier.monthlyPriceUsd)} / month
          </option>
        ))}
      </select>
    </div>
  );
}
