import { API_KEY_NAME_MAX_LENGTH } from '@tollgate/shared';
import { describe, expect, it } from 'vitest';
import { apiKeyFormProblems, grantableScopes, toCreateApiKeyInput, toggleScope } from '../api-key-form';

describe('grantableScopes', () => {
  it('offers the admin scope to admins only', () => {
    expect(grantableScopes('user')).toEqual(['completions', 'read', 'service']);
    expect(grantableScopes('admin')).toEqual(['completions', 'read', 'service', 'admin']);
  });
});

describe('apiKeyFormProblems', () => {
  it('accepts a named key with a scope', () => {
    expect(apiKeyFormProblems({ name: 'backend', scopes: ['read'] }, 'user')).toEqual({});
  });

  it('requires a name that is not just spaces', () => {
    expect(apiKeyFormProblems({ name: '   ', scopes: ['read'] }, 'user').name).toMatch(/name/i);
  });

  it('refuses names longer than the shared limit', () => {
    const name = 'k'.repeat(API_KEY_NAME_MAX_LENGTH + 1);
    expect(apiKeyFormProblems({ name, scopes: ['read'] }, 'user').name).toBe(`Name must be at most ${API_KEY_NAME_MAX_LENGTH} characters`);
  });

  it('requires a scope the user may grant', () => {
    expect(apiKeyFormProblems({ name: 'x', scopes: [] }, 'user').scopes).toBe('Choose at least one scope');
    expect(apiKeyFormProblems({ name: 'x', scopes: ['admin'] }, 'user').scopes).toBe('Choose at least one scope');
  });
});

describe('toCreateApiKeyInput', () => {
  it('trims the name and lists scopes in canonical order', () => {
    expect(toCreateApiKeyInput({ name: '  ci  ', scopes: ['read', 'completions'] }, 'user')).toEqual({
      name: 'ci',
      scopes: ['completions', 'read'],
    });
  });

  it('never sends the admin scope for a non-admin', () => {
    expect(toCreateApiKeyInput({ name: 'x', scopes: ['admin', 'read'] }, 'user').scopes).toEqual(['read']);
    expect(toCreateApiKeyInput({ name: 'x', scopes: ['admin', 'read'] }, 'admin').scopes).toEqual(['read', 'admin']);
  });
});

describe('toggleScope', () => {
  it('adds and removes a scope without duplicates', () => {
    expect(toggleScope(['read'], 'completions', true)).toEqual(['read', 'completions']);
    expect(toggleScope(['read', 'completions'], 'read', true)).toEqual(['completions', 'read']);
    expect(toggleScope(['read', 'completions'], 'read', false)).toEqual(['completions']);
  });
});
