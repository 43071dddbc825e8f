import { priceChanges, type CurrentPrice, type PriceFormValues } from './price-form';

export function PriceChangeList({ current, values }: { current: CurrentPrice; values: PriceFormValues }) {
  return (
    <ul className="change-list" data-testid="price-changes">
      {priceChanges(current, values).map((change) => (
        <li key={change.label}>
          <span className="change-label">{change.label}</span> <s className="muted">{change.from}</s> → <strong>{change.to}</strong>
        </li>
      ))}
    </ul>
  );
}
