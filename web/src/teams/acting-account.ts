import { getToken, subscribeToken } from '../auth/token-store';

/**
 * The account the signed-in person acts for: their own (null) or one of their teams. Remembered in
 * localStorage per person (the session token's subject), so a reload, or signing in again, keeps
 * the choice; another person signing in on the same browser starts from their own account. Each
 * tab keeps its own copy once read, so switching in one tab never changes another tab's account
 * under its feet (its cached data would no longer match). The Apollo client sends it as the
 * `X-Tollgate-Account` header (acting-account-link.ts) and resets its store when it changes.
 */
export interface ActingTeam {
  id: string;
  /** The team's name when it was chosen: the fallback notice names the team the person lost. */
  name: string;
}

const KEY_PREFIX = 'tollgate.account.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Listener = () => void;
const listeners = new Set<Listener>();
let cached: { person: string | null; team: ActingTeam | null } | null = null;
let fallback: ActingTeam | null = null;

/** The person a session token names (its `sub`), read without verifying: only a storage key. */
export function tokenSubject(token: string | null): string | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    return json && typeof json === 'object' && 'sub' in json && typeof json.sub === 'string' ? json.sub : null;
  } catch {
    return null;
  }
}

/** A stored choice, or null when there is none or it is not one (hand-edited, an older format). */
export function parseStoredTeam(text: string | null): ActingTeam | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || !('id' in value) || !('name' in value)) return null;
    const { id, name } = value;
    return typeof id === 'string' && UUID.test(id) && typeof name === 'string' ? { id, name } : null;
  } catch {
    return null;
  }
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Disabled storage (privacy modes): the choice then lasts for this page load only.
    return null;
  }
}

/** The team acted for, or null for the person's own account. */
export function getActingTeam(): ActingTeam | null {
  const person = tokenSubject(getToken());
  if (cached?.person !== person) {
    cached = { person, team: person ? parseStoredTeam(storage()?.getItem(KEY_PREFIX + person) ?? null) : null };
    fallback = null;
  }
  return cached.team;
}

/** The team id to send, or undefined for the personal account. */
export function actingAccountId(): string | undefined {
  return getActingTeam()?.id;
}

/** Acts for `team` (null: the personal account) from the next request on. */
export function setActingTeam(team: ActingTeam | null): void {
  const person = tokenSubject(getToken());
  if (!person) return;
  const current = getActingTeam();
  if (current?.id === team?.id && current?.name === team?.name) return;
  const idChanged = current?.id !== team?.id;
  cached = { person, team };
  try {
    if (team) storage()?.setItem(KEY_PREFIX + person, JSON.stringify(team));
    else storage()?.removeItem(KEY_PREFIX + person);
  } catch {
    // See storage(): the in-memory copy still holds for this page.
  }
  if (idChanged) {
    fallback = null;
    listeners.forEach((listener) => listener());
  }
}

/**
 * The server no longer counts the person as a member of the team acted for (removed meanwhile):
 * back to the personal account, remembering which team was lost so the screen can say so.
 */
export function fallBackToPersonal(lost: ActingTeam): void {
  if (getActingTeam()?.id !== lost.id) return;
  setActingTeam(null);
  fallback = lost;
  listeners.forEach((listener) => listener());
}

/** The team the person was switched away from by `fallBackToPersonal`, until dismissed or switched. */
export function lostTeam(): ActingTeam | null {
  return fallback;
}

export function dismissLostTeam(): void {
  if (!fallback) return;
  fallback = null;
  listeners.forEach((listener) => listener());
}

/** Called on every switch of the acting account (the Apollo client resets its store on it). */
export function subscribeActingAccount(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** For screens: a switch, or another person signing in (whose choice is their own). */
export function subscribeActingAccountOrPerson(listener: Listener): () => void {
  const unsubscribeSwitch = subscribeActingAccount(listener);
  const unsubscribeToken = subscribeToken(listener);
  return () => {
    unsubscribeSwitch();
    unsubscribeToken();
  };
}
