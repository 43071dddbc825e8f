import type { ApiKeyScope, Role } from '@tollgate/shared';
import { SCOPE_DESCRIPTIONS, grantableScopes, toggleScope } from './api-key-form';

interface Props {
  role: Role;
  value: readonly ApiKeyScope[];
  onChange: (scopes: ApiKeyScope[]) => void;
  error?: string;
}

/** One checkbox per scope the user may grant: `admin` appears for admins only. */
export function ScopeCheckboxes({ role, value, onChange, error }: Props) {
  return (
    <fieldset className={`field scopes${error ? ' field-invalid' : ''}`} aria-describedby={error ? 'scopes-error' : undefined}>
      <legend>Scopes</legend>
      {grantableScopes(role).map((scope) => (
        <label key={scope} className="checkbox">
          <input
            type="checkbox"
            name="scopes"
            value={scope}
            checked={value.includes(scope)}
            onChange={(event) => onChange(toggleScope(value, scope, event.target.checked))}
            data-testid={`scope-${scope}`}
          />
          <span>
            <code>{scope}</code>
            <span className="muted"> — {SCOPE_DESCRIPTIONS[scope]}</span>
          </span>
        </label>
      ))}
      {error && (
        <p id="scopes-error" className="field-error" data-testid="scopes-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
