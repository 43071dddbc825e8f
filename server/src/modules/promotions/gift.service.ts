import { randomBytes } from 'node:crypto';
import { DomainError, IdempotencyConflictError, NotFoundError } from '../../platform/errors.js';
import type { Sql, SqlPool } from '../../platform/sql.js';
import type { LedgerService } from '../ledger/index.js';
import { giftMail, type Mailer, type OutgoingMail } from '../mail/index.js';
import { creditRecipient, debitSender, returnToSender } from './gift.ledger.js';
import { validGift } from './gift.input.js';
import { giftStore, hashToken, type GiftRecord } from './gift.store.js';
import type { PromotionSettingsStore } from './promotion-settings.store.js';

/** An unclaimed gift goes back to its sender this long after it was sent. */
export const GIFT_CLAIM_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;
const LIST_LIMIT = 200;

export interface Sender {
  id: string;
  email: string;
}

/** A gift as answered: the claim URL only to its sender, only while pending, only when just made. */
export interface GiftView extends GiftRecord {
  claimUrl: string | null;
}

const refused = (reason: string, message: string) => new DomainError('BAD_USER_INPUT', message, { reason });

interface Deps {
  sql: SqlPool;
  ledger: Pick<LedgerService, 'applyWithin'>;
  settings: PromotionSettingsStore;
  publicUrl: string;
  mailer?: Mailer;
}

/**
 * Gift credits (docs/decisions/0023-gifts.md). Lock order: the gift row first, then ledger
 * accounts; when both parties move in one transaction, the account with the lower user id is
 * locked first, so two users gifting each other at once cannot deadlock.
 */
export class GiftService {
  constructor(private readonly deps: Deps) {}

  async send(sender: Sender, input: Parameters<typeof validGift>[0]): Promise<GiftView> {
    const cmd = validGift(input, sender.email);
    const published: Array<() => void> = [];
    let mail: OutgoingMail | null = null; // a new gift only: a retried send answers the first gift and mails nothing
    const view = await this.deps.sql.transaction(async (tx) => {
      const recipientId = await giftStore.userIdByEmail(tx, cmd.recipientEmail);
      const token = recipientId ? null : randomBytes(32).toString('base64url');
      const now = new Date();
      const id = await giftStore.insert(tx, {
        ...cmd,
        senderId: sender.id,
        recipientId,
        tokenHash: token ? hashToken(token) : null,
        now,
        expiresAt: new Date(now.getTime() + GIFT_CLAIM_DAYS * DAY_MS),
      });
      if (!id) {
        // This key was used before (or just now, by a concurrent retry that has committed): the same gift, moved once.
        const existing = (await giftStore.byKey(tx, sender.id, cmd.idempotencyKey))!;
        if (existing.recipientEmail !== cmd.recipientEmail || existing.credits !== cmd.credits || existing.message !== cmd.message) {
          throw new IdempotencyConflictError(cmd.idempotencyKey);
        }
        return { ...existing, claimUrl: null };
      }
      const { giftPaidCreditsOnly } = await this.deps.settings.get(tx);
      const debit = () =>
        this.deps.ledger.applyWithin(tx, sender.id, (t, account, at) =>
          debitSender(t, account, at, { giftId: id, credits: cmd.credits, otherEmail: cmd.recipientEmail, actorId: sender.id }, giftPaidCreditsOnly),
        );
      const credit = (userId: string) =>
        this.deps.ledger.applyWithin(tx, userId, (t, account, at) =>
          creditRecipient(t, account, at, { giftId: id, credits: cmd.credits, otherEmail: sender.email, actorId: sender.id }),
        );
      if (recipientId && recipientId < sender.id) published.push((await credit(recipientId)).published, (await debit()).published);
      else {
        published.push((await debit()).published);
        if (recipientId) published.push((await credit(recipientId)).published);
      }
      if (recipientId) await giftStore.markClaimed(tx, id, recipientId, now);
      const gift = (await giftStore.byId(tx, id))!;
      const claimUrl = token ? this.claimUrl(token) : null;
      mail = giftMail({ ...gift, to: gift.recipientEmail, userId: recipientId, creditsMicro: gift.credits, claimUrl, publicUrl: this.deps.publicUrl });
      return { ...gift, claimUrl };
    });
    for (const p of published) p();
    if (mail) await this.deps.mailer?.send(mail); // after commit; send() never throws
    return view;
  }

  /**
   * The pending gift of this link goes to the signed-in caller, whoever they are: the link is a
   * bearer token, as a gift card is. Until the return sweep has returned a gift, its link works
   * (the gift row's lock decides a claim racing the return: exactly one happens).
   */
  async claim(user: Sender, token: string): Promise<GiftView> {
    if (typeof token !== 'string' || token.length < 10 || token.length > 200) throw new NotFoundError('Gift');
    return this.claimWhere(user, (tx) => giftStore.byTokenLocked(tx, hashToken(token)), true);
  }

  /** Claims every pending gift addressed to the caller's own e-mail (sent before they had an account). */
  async claimPending(user: Sender): Promise<GiftView[]> {
    const ids = await giftStore.pendingForEmail(this.deps.sql, user.email.toLowerCase());
    const claimed: GiftView[] = [];
    for (const id of ids) {
      const gift = await this.claimWhere(user, (tx) => giftStore.byId(tx, id, true), false).catch(() => null);
      if (gift?.status === 'claimed' && gift.recipientId === user.id) claimed.push(gift);
    }
    return claimed;
  }

  sent(senderId: string): Promise<GiftRecord[]> {
    return giftStore.sent(this.deps.sql, senderId, LIST_LIMIT);
  }

  received(user: Sender): Promise<GiftRecord[]> {
    return giftStore.received(this.deps.sql, user.id, user.email.toLowerCase(), LIST_LIMIT);
  }

  /** Returns pending gifts past their deadline to their senders, each in a transaction of its own. */
  async returnDue(limit = 100): Promise<number> {
    let returned = 0;
    for (const id of await giftStore.dueIds(this.deps.sql, new Date(), limit)) {
      if (await this.returnOne(id)) returned += 1;
    }
    return returned;
  }

  private async returnOne(id: string): Promise<boolean> {
    let publish: (() => void) | null = null;
    await this.deps.sql.transaction(async (tx) => {
      const gift = await giftStore.byId(tx, id, true);
      const now = new Date();
      if (!gift || gift.status !== 'pending' || gift.expiresAt.getTime() > now.getTime()) return; // claimed meanwhile
      const party = { giftId: gift.id, credits: gift.credits, otherEmail: gift.recipientEmail, actorId: gift.senderId };
      publish = (await this.deps.ledger.applyWithin(tx, gift.senderId, (t, account, at) => returnToSender(t, account, at, party))).published;
      await giftStore.markReturned(tx, gift.id, now);
    });
    if (!publish) return false;
    (publish as () => void)();
    return true;
  }

  private async claimWhere(user: Sender, find: (tx: Sql) => Promise<GiftRecord | null>, strict: boolean): Promise<GiftView> {
    let publish: (() => void) | null = null;
    const gift = await this.deps.sql.transaction(async (tx) => {
      const gift = await find(tx);
      if (!gift) throw new NotFoundError('Gift');
      if (gift.status === 'claimed' && gift.recipientId === user.id) return gift; // claimed before by this caller: once
      if (gift.status === 'claimed') throw refused('ALREADY_CLAIMED', 'This gift has already been claimed');
      if (gift.status === 'returned') throw refused('RETURNED', 'This gift was not claimed in time and went back to its sender');
      if (gift.senderId === user.id) throw refused('OWN_GIFT', 'You cannot claim your own gift');
      if (!strict && gift.recipientEmail !== user.email.toLowerCase()) throw new NotFoundError('Gift');
      const now = new Date();
      const party = { giftId: gift.id, credits: gift.credits, otherEmail: gift.senderEmail, actorId: gift.senderId };
      publish = (await this.deps.ledger.applyWithin(tx, user.id, (t, account, at) => creditRecipient(t, account, at, party))).published;
      await giftStore.markClaimed(tx, gift.id, user.id, now);
      return (await giftStore.byId(tx, gift.id))!;
    });
    if (publish) (publish as () => void)();
    return { ...gift, claimUrl: null };
  }

  private claimUrl(token: string): string {
    return `${this.deps.publicUrl}/gifts/claim?token=${token}`;
  }
}
