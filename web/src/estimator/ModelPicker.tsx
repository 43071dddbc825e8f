import { Link } from 'react-router';
import { chosenModelProblem, pickerGroups, type PickableModel, type PickerOption } from './model-options';
import { AUTO_MODEL } from './useEstimator';
import './model-picker.css';

export type { PickableModel } from './model-options';

interface Props {
  id: string;
  value: string;
  models: readonly PickableModel[];
  tierName: string;
  onChange: (modelId: string) => void;
  /**
   * Only models that can run for the user now can be picked (the playground: the others would only
   * be refused). Without it they stay pickable, to see what they would cost, labelled with what they need.
   */
  onlyAllowed?: boolean;
}

/**
 * "auto" first (it picks among the models that can run for you), then the models ready to run, then
 * those that need a provider key, then those outside the tier; a note says why the held-back ones
 * cannot run and where to fix it. Embedding models are never offered: they answer no prompt.
 */
export function ModelPicker({ id, value, models, tierName, onChange, onlyAllowed = false }: Props) {
  const groups = pickerGroups(models, onlyAllowed);
  const known = value === AUTO_MODEL || models.some((model) => model.id === value);
  const problem = chosenModelProblem(models, value);
  const heldBack = groups.keyReasons.reduce((n, r) => n + r.count, 0);
  return (
    <>
      <select id={id} className="select" value={value} onChange={(event) => onChange(event.target.value)} data-testid="model-picker">
        <option value={AUTO_MODEL}>Auto — picks a model you can run</option>
        {!known && <option value={value}>{value}</option>}
        <Group label={`Ready to run on your ${tierName} tier`} options={groups.runnable} />
        <Group label="Need a provider key" options={groups.needKey} />
        <Group label={`Not in your ${tierName} tier`} options={groups.outsideTier} />
      </select>
      {problem && (
        <p className="field-hint model-picker-problem" data-testid="model-unavailable-reason">
          {problem}
        </p>
      )}
      {heldBack > 0 && (
        <details className="model-picker-note" data-testid="model-picker-note">
          <summary>
            {heldBack} more {heldBack === 1 ? 'model needs' : 'models need'} a provider key
          </summary>
          <ul>
            {groups.keyReasons.map(({ reason, count }) => (
              <li key={reason}>
                {reason} ({count} {count === 1 ? 'model' : 'models'})
              </li>
            ))}
          </ul>
          <p>
            <Link to="/provider-keys">Provider keys</Link> · <Link to="/tiers">Tiers</Link>
          </p>
        </details>
      )}
    </>
  );
}

function Group({ label, options }: { label: string; options: PickerOption[] }) {
  if (options.length === 0) return null;
  return (
    <optgroup label={label}>
      {options.map((option) => (
        <option key={option.id} value={option.id} disabled={option.disabled} title={option.reason ?? undefined}>
          {option.label}
        </option>
      ))}
    </optgroup>
  );
}
