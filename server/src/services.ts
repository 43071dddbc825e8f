import type { Config } from './platform/config.js';
import type { Backplane } from './platform/backplane/index.js';
import type { Orm } from './platform/db.js';
import type { Logger } from './platform/logger.js';
import type { Secrets } from './platform/secrets.js';
import { ApiKeyService } from './modules/auth/api-key.service.js';
import { AuthService } from './modules/auth/auth.service.js';
import { Authenticator } from './modules/auth/authenticate.js';
import { SessionTokens } from './modules/auth/session-token.js';

export interface Deps {
  config: Config;
  orm: Orm;
  backplane: Backplane;
  secrets: Secrets;
  log: Logger;
}

/** The composition root: every service, built once per process from its dependencies. */
export function createServices(deps: Deps) {
  const tokens = new SessionTokens(deps.secrets.jwtSecret, deps.config.JWT_TTL_SECONDS);
  return {
    authenticator: new Authenticator(deps.orm, tokens),
    auth: new AuthService(deps.orm, deps.backplane, tokens),
    apiKeys: new ApiKeyService(deps.orm),
  };
}

export type Services = ReturnType<typeof createServices>;
