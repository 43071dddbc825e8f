interface Props {
  active: boolean;
  busy: boolean;
  /** The model's name, for the switch's accessible name. */
  label: string;
  onToggle: () => void;
}

/** An on/off switch: a checkbox with role="switch", styled as a track and knob. */
export function ActiveToggle({ active, busy, label, onToggle }: Props) {
  return (
    <label className="switch">
      <input
        type="checkbox"
        role="switch"
        checked={active}
        disabled={busy}
        onChange={onToggle}
        aria-label={`${label} active`}
        data-testid="model-active-toggle"
      />
      <span className="switch-track" aria-hidden="true" />
      <span className="switch-text">{active ? 'Active' : 'Off'}</span>
    </label>
  );
}
