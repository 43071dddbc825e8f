/** What the mail suites share: reading the outbox as the admin does, and waiting for a mail sent after a commit. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestApp } from '../../../test-support/app.js';
import { ok } from '../../gateway/__tests__/support.js';

export interface OutboxMail {
  id: string;
  to: string;
  userId: string | null;
  kind: string;
  subject: string;
  text: string;
  status: string;
  transport: string;
  error: string | null;
}

export const OUTBOX = `query($first: Int, $after: String, $to: String) { adminMailOutbox(first: $first, after: $after, to: $to) {
  nodes { id to userId kind subject text status transport error createdAt } pageInfo { endCursor hasNextPage } totalCount } }`;

export async function outbox(t: TestApp, admin: string, to: string): Promise<OutboxMail[]> {
  return ok(await t.gql(OUTBOX, { to, first: 100 }, admin), 'adminMailOutbox').nodes;
}

/**
 * The mails of one kind to an address, once there are `count` of them. Some mails are sent after
 * the request that caused them answered (a low-balance notice after a completion's settle): this
 * polls the outbox; the bound only keeps a broken build from hanging the run, it asserts nothing.
 */
export async function mailsTo(t: TestApp, admin: string, to: string, kind: string, count = 1): Promise<OutboxMail[]> {
  for (let i = 0; i < 200; i++) {
    const mails = (await outbox(t, admin, to)).filter((m) => m.kind === kind);
    if (mails.length >= count) return mails;
    await sleep(50);
  }
  return (await outbox(t, admin, to)).filter((m) => m.kind === kind);
}

/** The first link in a mail's text. */
export const linkIn = (text: string): string => /https?:\/\/\S+/.exec(text)?.[0] ?? '';
