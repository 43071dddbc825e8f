/**
 * A generated campaign as a file: the server's CSV when it sent one, else one code a line under a
 * header, so the admin always downloads the same shape. Lines end in CRLF, as RFC 4180 (and the
 * transactions export) have them, whatever the server used.
 */
export function campaignCsv(campaign: { codes: readonly string[]; csv?: string | null }): string {
  const text = campaign.csv && campaign.csv.trim() !== '' ? campaign.csv : ['code', ...campaign.codes].join('\n');
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => `${line}\r\n`).join('');
}

/** "coupons-spring-sale-2026-12-04.csv": the campaign's name made safe for a file name, and the day. */
export function campaignFileName(campaign: string, today: Date): string {
  const slug =
    campaign
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'campaign';
  return `coupons-${slug}-${today.toISOString().slice(0, 10)}.csv`;
}

/** The server's bound (CouponCampaignInput: 1 to 1000 codes). */
export const CAMPAIGN_MAX = 1000;

/** Why the campaign's name or size is wrong, if it is. */
export function campaignProblems(name: string, count: string): { name?: string; count?: string } {
  const problems: { name?: string; count?: string } = {};
  if (!/^[A-Za-z0-9][A-Za-z0-9 _-]{0,39}$/.test(name.trim())) problems.name = 'Up to 40 letters, digits, spaces, dashes or underscores';
  const n = /^\d{1,5}$/.test(count.trim()) ? Number(count.trim()) : NaN;
  if (!(n >= 1 && n <= CAMPAIGN_MAX)) problems.count = `A whole number from 1 to ${CAMPAIGN_MAX.toLocaleString('en-US')}`;
  return problems;
}
