import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installBrowserStorage, tokenFor } from './browser-storage';

const storage = installBrowserStorage();
const { clearToken, setToken } = await import('../../auth/token-store');
const account = await import('../acting-account');

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const ACME = { id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', name: 'Acme' };
const GLOBEX = { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', name: 'Globex' };

describe('the acting account', () => {
  beforeEach(() => {
    setToken(tokenFor(ALICE));
    account.setActingTeam(null);
    account.dismissLostTeam();
  });

  it('reads the person from the session token, and nothing from anything else', () => {
    expect(account.tokenSubject(tokenFor(ALICE))).toBe(ALICE);
    expect(account.tokenSubject('not-a-jwt')).toBeNull();
    expect(account.tokenSubject('a.%%%.c')).toBeNull();
    expect(account.tokenSubject(null)).toBeNull();
  });

  it('starts personal, and remembers a chosen team per person in localStorage', () => {
    expect(account.getActingTeam()).toBeNull();
    expect(account.actingAccountId()).toBeUndefined();
    account.setActingTeam(ACME);
    expect(account.actingAccountId()).toBe(ACME.id);
    expect(JSON.parse(storage.getItem(`tollgate.account.${ALICE}`)!)).toEqual(ACME);

    // Another person signing in on this browser acts for their own account, not Alice's team.
    setToken(tokenFor(BOB));
    expect(account.getActingTeam()).toBeNull();
    account.setActingTeam(GLOBEX);
    setToken(tokenFor(ALICE));
    expect(account.getActingTeam()).toEqual(ACME);
  });

  it('acts for nobody while signed out, and ignores a stored value that is not a team', () => {
    account.setActingTeam(ACME);
    clearToken('signed-out');
    expect(account.getActingTeam()).toBeNull();
    account.setActingTeam(GLOBEX);
    expect(account.getActingTeam()).toBeNull();
    expect(account.parseStoredTeam('{"id":"../admin","name":"x"}')).toBeNull();
    expect(account.parseStoredTeam('not json')).toBeNull();
    expect(account.parseStoredTeam(JSON.stringify(ACME))).toEqual(ACME);
  });

  it('tells listeners of a switch, but not of a renamed team (the same account: no store reset)', () => {
    const listener = vi.fn();
    const stop = account.subscribeActingAccount(listener);
    account.setActingTeam(ACME);
    account.setActingTeam({ ...ACME, name: 'Acme Inc.' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(account.getActingTeam()?.name).toBe('Acme Inc.');
    account.setActingTeam(null);
    expect(listener).toHaveBeenCalledTimes(2);
    stop();
    account.setActingTeam(ACME);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('falls back to the personal account when the team acted for is lost, and says which', () => {
    const listener = vi.fn();
    account.subscribeActingAccount(listener);
    account.setActingTeam(ACME);
    listener.mockClear();

    // A late refusal for a team no longer acted for changes nothing.
    account.fallBackToPersonal(GLOBEX);
    expect(account.getActingTeam()).toEqual(ACME);
    expect(account.lostTeam()).toBeNull();

    account.fallBackToPersonal(ACME);
    expect(account.getActingTeam()).toBeNull();
    expect(account.lostTeam()).toEqual(ACME);
    expect(storage.getItem(`tollgate.account.${ALICE}`)).toBeNull();
    expect(listener).toHaveBeenCalled();

    // Choosing an account again puts the notice away.
    account.setActingTeam(GLOBEX);
    expect(account.lostTeam()).toBeNull();
  });
});
