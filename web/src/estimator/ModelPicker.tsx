import { AUTO_MODEL } from './useEstimator';

export interface PickableModel {
  id: string;
  displayName: string;
  allowed: boolean;
}

interface Props {
  id: string;
  value: string;
  models: readonly PickableModel[];
  tierName: string;
  onChange: (modelId: string) => void;
  /** Models outside the tier are listed but cannot be picked (the playground: they would only be refused). */
  onlyAllowed?: boolean;
}

/** "auto" first, then the models the tier includes; the others stay pickable, to see why they are refused, unless `onlyAllowed`. */
export function ModelPicker({ id, value, models, tierName, onChange, onlyAllowed = false }: Props) {
  const allowed = models.filter((model) => model.allowed);
  const others = models.filter((model) => !model.allowed);
  const known = value === AUTO_MODEL || models.some((model) => model.id === value);
  return (
    <select id={id} className="select" value={value} onChange={(event) => onChange(event.target.value)} data-testid="model-picker">
      <option value={AUTO_MODEL}>Auto — Tollgate picks for the prompt</option>
      {!known && <option value={value}>{value}</option>}
      <optgroup label={`In your ${tierName} tier`}>
        {allowed.map((model) => (
          <option key={model.id} value={model.id}>
            {model.displayName} ({model.id})
          </option>
        ))}
      </optgroup>
      {others.length > 0 && (
        <optgroup label={`Not in your ${tierName} tier`}>
          {others.map((model) => (
            <option key={model.id} value={model.id} disabled={onlyAllowed}>
              {model.displayName} ({model.id})
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}
