/**
 * Account rules shared by the server (which enforces them) and the SPA (which checks them as the
 * user types), so the two can never disagree about what a valid email or password is.
 */

export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * API key scopes. `admin` may only be granted by an admin. `service` lets another service report
 * per-unit usage (trackUsage) charged to the key's own account.
 */
export const API_KEY_SCOPES = ['completions', 'read', 'service', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const PASSWORD_MIN_LENGTH = 10;
/** argon2 accepts long inputs, but an unbounded password is a cheap way to burn server CPU. */
export const PASSWORD_MAX_LENGTH = 256;
export const EMAIL_MAX_LENGTH = 254;
export const API_KEY_NAME_MAX_LENGTH = 64;

// Deliberately modest: one "@", no spaces, a dot in the domain. RFC 5322 in full accepts things
// that no mail server delivers to; what matters is catching typos before an account is created.
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function emailProblem(raw: string): string | null {
  const email = normalizeEmail(raw);
  if (email.length === 0) return 'Email is required';
  if (email.length > EMAIL_MAX_LENGTH) return `Email must be at most ${EMAIL_MAX_LENGTH} characters`;
  if (!EMAIL_RE.test(email)) return 'Email is not a valid address';
  return null;
}

const COMMON_PASSWORDS = new Set([
  'password123',
  'password1234',
  '1234567890',
  'qwertyuiop',
  'letmein123',
  'welcome123',
  'iloveyou123',
  'admin12345',
  'passw0rd123',
  '12345678910',
  'qwerty1234',
  'abc1234567',
]);

/** Returns why a password is too weak, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `Password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  }
  if (!/[A-Za-z]/.test(password) || !/[^A-Za-z]/.test(password)) {
    return 'Password must mix letters with digits or symbols';
  }
  if (new Set(password).size < 5 || COMMON_PASSWORDS.has(password.toLowerCase())) {
    return 'Password is too easy to guess';
  }
  return null;
}

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}
