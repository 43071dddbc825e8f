import type { Config } from '../../platform/config.js';
import type { Logger } from '../../platform/logger.js';
import type { SqlPool } from '../../platform/sql.js';
import { MailService } from './mail.service.js';
import { MailStore } from './mail.store.js';

export interface MailDeps {
  config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>;
  sql: SqlPool;
  log: Logger;
}

/** The mail module: one MailService (services.mail), the `Mailer` every sender is given. */
export function createMail(deps: MailDeps): MailService {
  return new MailService(new MailStore(deps.sql), { smtpUrl: deps.config.SMTP_URL ?? null, from: deps.config.MAIL_FROM }, deps.log);
}
