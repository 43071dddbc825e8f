/**
 * A generated campaign as a file: the server's CSV when it sent one, else one code a line under a
 * header, so the admin always downloads the same shape.
 */
export function campaignCsv(campaign: { codes: readonly string[]; csv?: string | null }): string {
  if (campaign.csv && campaign.csv.trim() !== '') return campaign.csv.endsWith('\n') ? campaign.csv : `${campaign.csv}\n`;
  return ['code', ...campaign.codes].join('\n') + '\n';
}

/** "coupons-spring-sale-2026-12-04.csv": the campaign's name made safe for a file name, and the day. */
export function campaignFileName(campaign: string, today: Date): string {
  const slug = campaign.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'campaign';
  return `coupons-${slug}-${today.toISOString().slice(0, 10)}.csv`;
}
