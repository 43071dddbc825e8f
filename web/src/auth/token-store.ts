/**
 * The signed-in user's JWT, kept in localStorage so a reload keeps the session. Components read it
 * through `useToken` (useSyncExternalStore), so clearing it anywhere (sign-out, an UNAUTHENTICATED
 * answer from the API, another tab signing out) sends every mounted guard back to sign-in.
 */
const STORAGE_KEY = 'tollgate.token';

type Listener = () => void;
const listeners = new Set<Listener>();

function readStorage(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (privacy modes); the app then works for one page load only.
    return memoryToken;
  }
}

let memoryToken: string | null = null;

export function getToken(): string | null {
  return readStorage();
}

function write(token: string | null): void {
  memoryToken = token;
  try {
    if (token === null) window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, token);
  } catch {
    // See readStorage: fall back to the in-memory copy.
  }
  listeners.forEach((listener) => listener());
}

export function setToken(token: string): void {
  lastEnd = null;
  write(token);
}

/** Why the last session ended: the user signed out, or the server stopped accepting the token. */
export type SessionEnd = 'signed-out' | 'expired';
let lastEnd: SessionEnd | null = null;

export function clearToken(reason: SessionEnd): void {
  if (getToken() === null) return;
  lastEnd = reason;
  write(null);
}

/** Read by the route guard when the token disappears, to word the sign-in page accordingly. */
export function lastSessionEnd(): SessionEnd | null {
  return lastEnd;
}

export function subscribeToken(listener: Listener): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
