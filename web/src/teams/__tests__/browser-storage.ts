/**
 * The little of `window` the token and acting-account stores touch (localStorage, storage events),
 * for unit tests that run in Node: an in-memory Storage, as a browser's behaves within one tab.
 */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

export function installBrowserStorage(): Storage {
  const localStorage = new MemoryStorage() as unknown as Storage;
  Object.assign(globalThis, { window: { localStorage, addEventListener() {}, removeEventListener() {} } });
  return localStorage;
}

/** A session token's shape (header.payload.signature) naming `sub`; the SPA never verifies it. */
export function tokenFor(sub: string): string {
  const payload = Buffer.from(JSON.stringify({ sub, iss: 'tollgate' })).toString('base64url');
  return `eyJhbGciOiJIUzI1NiJ9.${payload}.signature`;
}
