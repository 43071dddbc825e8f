/**
 * The pure rules of a referral: what a code looks like, when two addresses are one person's
 * (self-referral, refused) and when they share a domain (refused or flagged, the admin's choice).
 */
import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: a code read aloud or retyped from a screenshot still works. URL-safe as is. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;

export function newReferralCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** The stored form of a code as typed (case-insensitive); null when it cannot be a code at all. */
export function normalizeCode(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  return /^[A-Z0-9]{4,32}$/.test(code) ? code : null;
}

const split = (email: string) => {
  const at = email.lastIndexOf('@');
  return { local: email.slice(0, at).toLowerCase(), domain: email.slice(at + 1).toLowerCase() };
};

// Mail providers whose users are strangers to each other: "same domain" says nothing there.
const PUBLIC_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'mail.com',
  'yandex.ru',
  'zoho.com',
]);
const DOTLESS = new Set(['gmail.com', 'googlemail.com']);

/** One mailbox: `ann+x@a.com` is `ann@a.com`; at Gmail dots do not count either. */
export function mailbox(email: string): string {
  const { local, domain } = split(email);
  let box = local.split('+')[0]!;
  if (DOTLESS.has(domain)) box = box.replace(/\./g, '');
  return `${box}@${domain === 'googlemail.com' ? 'gmail.com' : domain}`;
}

export const sameMailbox = (a: string, b: string) => mailbox(a) === mailbox(b);

/** Both addresses on one organisation's domain (public mail providers never count). */
export function sameDomain(a: string, b: string): boolean {
  const da = split(a).domain;
  return da === split(b).domain && !PUBLIC_DOMAINS.has(da);
}

export type RefusedReason = 'SELF_REFERRAL' | 'SAME_DOMAIN';
export type Flag = 'SAME_IP' | 'SAME_EMAIL_DOMAIN';

export interface Verdict {
  refused: RefusedReason | null;
  flags: Flag[];
}

/** Decides a referral at sign-up; `referrerIps` are where the referrer signed up and was last seen. */
export function judge(
  referrer: { email: string; ips: Array<string | null> },
  referred: { email: string; ip: string | null },
  blockSameDomain: boolean,
): Verdict {
  const flags: Flag[] = [];
  if (referred.ip && referrer.ips.includes(referred.ip)) flags.push('SAME_IP');
  if (sameDomain(referrer.email, referred.email)) flags.push('SAME_EMAIL_DOMAIN');
  if (sameMailbox(referrer.email, referred.email)) return { refused: 'SELF_REFERRAL', flags };
  if (blockSameDomain && flags.includes('SAME_EMAIL_DOMAIN')) return { refused: 'SAME_DOMAIN', flags };
  return { refused: null, flags };
}
