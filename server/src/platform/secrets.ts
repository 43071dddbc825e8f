import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

export interface Secrets {
  jwtSecret: string;
  encryptionKey: Buffer;
  /** Keys from before a rotation (TOLLGATE_ENCRYPTION_KEYS_PREVIOUS): they only open what they sealed. */
  previousEncryptionKeys: Buffer[];
  admin: { email: string; password: string };
}

interface Stored {
  jwtSecret: string;
  encryptionKey: string;
  adminPassword: string;
}

export const DEFAULT_ADMIN_EMAIL = 'admin@tollgate.local';

/**
 * Secrets come from the environment. Outside production, a missing one is generated once and kept
 * in `<dataDir>/secrets.json` (mode 0600), so a fresh clone starts with no setup and sessions and
 * encrypted keys survive restarts. config.ts refuses to start production without them.
 */
export function resolveSecrets(config: Config, log: Logger): Secrets {
  const needsFile = !config.JWT_SECRET || !config.TOLLGATE_ENCRYPTION_KEY || !config.admin;
  const stored = needsFile ? readOrCreate(config.dataDir, log) : null;
  const admin = config.admin ?? { email: DEFAULT_ADMIN_EMAIL, password: stored!.adminPassword };
  if (!config.admin) {
    log.warn(
      { email: admin.email, file: join(config.dataDir, 'secrets.json') },
      'ADMIN_EMAIL/ADMIN_PASSWORD not set: using the development admin; its password is in the secrets file',
    );
  }
  return {
    jwtSecret: config.JWT_SECRET ?? stored!.jwtSecret,
    encryptionKey: Buffer.from(config.TOLLGATE_ENCRYPTION_KEY ?? stored!.encryptionKey, 'hex'),
    previousEncryptionKeys: (config.TOLLGATE_ENCRYPTION_KEYS_PREVIOUS ?? '')
      .split(',')
      .map((hex) => hex.trim())
      .filter((hex) => hex.length > 0)
      .map((hex) => Buffer.from(hex, 'hex')),
    admin,
  };
}

function readOrCreate(dataDir: string, log: Logger): Stored {
  const file = join(dataDir, 'secrets.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Stored;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const stored: Stored = {
    jwtSecret: randomBytes(32).toString('base64url'),
    encryptionKey: randomBytes(32).toString('hex'),
    adminPassword: `${randomBytes(12).toString('base64url')}-7`,
  };
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process created it first: theirs wins, so both use the same secrets.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return JSON.parse(readFileSync(file, 'utf8')) as Stored;
    throw err;
  }
  log.info({ file }, 'generated development secrets');
  return stored;
}
