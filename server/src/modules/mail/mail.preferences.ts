import { BadUserInputError } from '../../platform/errors.js';
import { MAIL_KIND_INFO, isMailKind, isOptional, type MailKindInfo } from './mail.kinds.js';
import type { MailStore } from './mail.store.js';

export interface NotificationSetting extends MailKindInfo {
  enabled: boolean;
}

/** Each user's opt-outs: only the kinds marked optional may be turned off (mail.kinds.ts). */
export class NotificationPreferences {
  constructor(private readonly store: MailStore) {}

  /** Every kind with the user's choice; a transactional kind is always enabled. */
  async list(userId: string): Promise<NotificationSetting[]> {
    const chosen = await this.store.preferences(userId);
    return MAIL_KIND_INFO.map((info) => ({ ...info, enabled: info.optional ? (chosen.get(info.kind) ?? true) : true }));
  }

  /** Refuses an unknown kind and a kind that cannot be turned off (nothing written). */
  async set(userId: string, kind: string, enabled: boolean): Promise<NotificationSetting[]> {
    if (!isMailKind(kind)) throw new BadUserInputError(`Unknown notification: choose one of ${MAIL_KIND_INFO.map((k) => k.kind).join(', ')}`, 'kind');
    if (!isOptional(kind)) throw new BadUserInputError('This mail is always sent: it is needed for your account’s security or billing', 'kind');
    await this.store.setPreference(userId, kind, enabled);
    return this.list(userId);
  }
}
