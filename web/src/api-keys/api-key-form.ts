import { API_KEY_NAME_MAX_LENGTH, API_KEY_SCOPES, type ApiKeyScope, type Role } from '@tollgate/shared';

export interface ApiKeyFormValues {
  name: string;
  scopes: readonly ApiKeyScope[];
}

export type ApiKeyFormErrors = Partial<Record<'name' | 'scopes', string>>;

export const INITIAL_API_KEY_FORM: ApiKeyFormValues = { name: '', scopes: ['completions'] };

export const SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  completions: 'Call models through /v1 and the complete mutation',
  read: 'Read balance, transactions and usage',
  service: 'Report per-unit usage of other services (trackUsage), charged to this account',
  admin: 'Everything an administrator can do',
};

/** Only an admin may hand out the admin scope (the server enforces this too). */
export function grantableScopes(role: Role): ApiKeyScope[] {
  return API_KEY_SCOPES.filter((scope) => scope !== 'admin' || role === 'admin');
}

export function apiKeyFormProblems(values: ApiKeyFormValues, role: Role): ApiKeyFormErrors {
  const errors: ApiKeyFormErrors = {};
  const name = values.name.trim();
  if (name.length === 0) errors.name = 'Give the key a name, e.g. where it will be used';
  else if (name.length > API_KEY_NAME_MAX_LENGTH) {
    errors.name = `Name must be at most ${API_KEY_NAME_MAX_LENGTH} characters`;
  }
  if (toScopes(values.scopes, role).length === 0) errors.scopes = 'Choose at least one scope';
  return errors;
}

/** The mutation input: a trimmed name and the chosen scopes the user may grant, in canonical order. */
export function toCreateApiKeyInput(values: ApiKeyFormValues, role: Role): { name: string; scopes: string[] } {
  return { name: values.name.trim(), scopes: toScopes(values.scopes, role) };
}

export function toggleScope(scopes: readonly ApiKeyScope[], scope: ApiKeyScope, on: boolean): ApiKeyScope[] {
  const rest = scopes.filter((s) => s !== scope);
  return on ? [...rest, scope] : rest;
}

function toScopes(chosen: readonly ApiKeyScope[], role: Role): ApiKeyScope[] {
  return grantableScopes(role).filter((scope) => chosen.includes(scope));
}
