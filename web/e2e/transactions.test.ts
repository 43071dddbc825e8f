import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './support/api';
import { type AppSession, startAppSession, reportFailures } from './support/app-session';
import { SKIP_BROWSER_TESTS } from './support/browser';
import { parseCsv } from './support/csv';

const GRANTS = 105; // more than one export page of 100
const HEADER = ['id', 'created_at', 'type', 'description', 'amount', 'balance_after', 'reference', 'actor_type', 'member_email', 'api_key_name'];

/** A history of 108 entries (sign-up bonus, 105 grants, 2 deductions), filtered, paged and exported. */
describe.skipIf(SKIP_BROWSER_TESTS)('the transactions page', () => {
  let app: AppSession;
  let page: Page;

  const localDay = (offsetDays: number) => {
    const d = new Date();
    d.setDate(d.getDate() + offsetDays);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };
  const total = async () => Number(await page.getByTestId('transactions-total').getAttribute('data-count'));
  const waitForTotal = (count: number) => page.locator(`[data-testid="transactions-total"][data-count="${count}"]`).waitFor();
  const tableRows = () =>
    page.getByTestId('transaction-row').evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute('data-id'), row.getAttribute('data-type'), row.getAttribute('data-amount')]),
    );
  const exportCsv = async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), rows: parseCsv(await readFile(path, 'utf8')) };
  };

  beforeAll(async () => {
    app = await startAppSession();
    page = app.page;
    const user = await app.signInNewUser('tx');
    const admin = await app.adminApi();
    const move = (kind: 'Grant' | 'Deduct', amount: string, reason: string) =>
      graphql(
        app.server.url,
        `mutation($input: AdminCreditInput!) { admin${kind}Credits(input: $input) { id } }`,
        { input: { userId: user.userId, amount, reason, idempotencyKey: randomBytes(8).toString('hex') } },
        admin.token,
      );
    // Reasons that need CSV quoting, and one a spreadsheet would run as a formula.
    const reasons = ['Promo "spring", batch', 'Two\nlines', '=HYPERLINK("http://x")', 'Plain'];
    for (let i = 0; i < GRANTS; i += 1) await move('Grant', '0.010000', `${reasons[i % reasons.length]} ${i}`);
    await move('Deduct', '0.5', 'Chargeback, partial');
    await move('Deduct', '0.25', 'Correction');

    await page.goto(app.at('/transactions'));
  });

  afterAll(async () => {
    await app?.close();
  });

  reportFailures(() => app);

  it('lists the whole history, newest first, with its count, 20 to a page', async () => {
    await waitForTotal(GRANTS + 3);
    const first = await tableRows();
    expect(first).toHaveLength(20);
    expect(first[0]).toEqual([expect.any(String), 'ADMIN_DEDUCT', '-0.250000']);
    await expect(page.getByTestId('pager-status').textContent()).resolves.toBe(`1–20 of ${GRANTS + 3} transactions`);

    await page.getByTestId('pager-next').click();
    await page.getByText(`21–40 of ${GRANTS + 3} transactions`).waitFor();
    const second = await tableRows();
    expect(second.map(([id]) => id)).not.toContain(first[0]![0]);
    await page.getByTestId('pager-previous').click();
    await page.getByText(`1–20 of ${GRANTS + 3} transactions`).waitFor();
    await expect(tableRows()).resolves.toEqual(first);

    await page.evaluate(() => window.scrollTo(0, 0));
    await app.shot('transactions.png');
    await page.getByTestId('theme-toggle').click();
    await app.shot('transactions-dark.png');
    await page.getByTestId('theme-toggle').click();
  });

  it('filters by type, and keeps the filter in the URL across a reload', async () => {
    await page.getByTestId('type-filter-ADMIN_DEDUCT').check();
    await waitForTotal(2);
    expect(new URL(page.url()).searchParams.getAll('type')).toEqual(['ADMIN_DEDUCT']);
    await page.getByTestId('type-filter-SIGNUP_BONUS').check();
    await waitForTotal(3);
    expect(new URL(page.url()).searchParams.getAll('type')).toEqual(['SIGNUP_BONUS', 'ADMIN_DEDUCT']);

    await page.reload();
    await waitForTotal(3);
    await expect(page.getByTestId('type-filter-SIGNUP_BONUS').isChecked()).resolves.toBe(true);
    const types = (await tableRows()).map(([, type]) => type);
    expect(types).toEqual(['ADMIN_DEDUCT', 'ADMIN_DEDUCT', 'SIGNUP_BONUS']);
  });

  it('filters by date, both ends whole local days', async () => {
    await page.getByTestId('filter-from').fill(localDay(1));
    await page.getByTestId('transactions-empty').waitFor();
    await expect(total()).resolves.toBe(0);
    await page.getByTestId('filter-from').fill(localDay(0));
    await page.getByTestId('filter-to').fill(localDay(0));
    await waitForTotal(3);
    expect(new URL(page.url()).searchParams.get('from')).toBe(localDay(0));
    await page.getByTestId('filter-from').fill('');
    await page.getByTestId('filter-to').fill(localDay(-1));
    await waitForTotal(0);
    await page.getByTestId('filter-to').fill(localDay(0));
    await waitForTotal(3);
  });

  it('exports exactly the filtered rows as CSV', async () => {
    const { name, rows } = await exportCsv();
    expect(name).toBe(`tollgate-transactions_signup-bonus+admin-deduct_to-${localDay(0)}.csv`);
    expect(rows[0]).toEqual(HEADER);
    const table = await tableRows();
    expect(rows.slice(1).map((row) => [row[0], row[2], row[4]])).toEqual(table);
    expect(rows[1]![3]).toBe('Correction');
    expect(rows[2]![3]).toBe('Chargeback, partial');
    expect(rows[3]).toEqual([table[2]![0], expect.stringMatching(/^\d{4}-\d\d-\d\dT/), 'SIGNUP_BONUS', expect.any(String), '10.000000', '10.000000', '', 'system', '', '']);
  });

  it('exports every matching row, past the first page of 100, with text intact', async () => {
    await page.getByTestId('clear-filters').click();
    await page.getByTestId('type-filter-ADMIN_GRANT').check();
    await waitForTotal(GRANTS);
    const { rows } = await exportCsv();
    const body = rows.slice(1);
    expect(body).toHaveLength(GRANTS);
    expect(new Set(body.map(([id]) => id)).size).toBe(GRANTS);
    expect(body.every((row) => row.length === HEADER.length && row[2] === 'ADMIN_GRANT' && row[4] === '0.010000')).toBe(true);
    // Newest first, like the table: the first page of the table is the start of the file.
    expect(body.slice(0, 20).map(([id]) => id)).toEqual((await tableRows()).map(([id]) => id));
    const descriptions = body.map((row) => row[3]);
    expect(descriptions).toContain('Promo "spring", batch 0');
    expect(descriptions).toContain('Two\nlines 1');
    expect(descriptions).toContain(`'=HYPERLINK("http://x") 2`);
  });

  it('fits a phone screen, light and dark', async () => {
    await app.onPhone(async () => {
      await page.getByTestId('transaction-row').first().waitFor();
      expect(await app.pageWidth()).toBeLessThanOrEqual(360);
      await expect(page.getByTestId('balance-widget').isVisible()).resolves.toBe(true);
      await page.evaluate(() => window.scrollTo(0, 0));
      await app.shot('phone-transactions.png', page, 'view');
      await page.getByTestId('menu-button').click();
      await page.getByTestId('theme-toggle').click();
      await page.getByTestId('menu-button').click();
      await page.getByTestId('transaction-row').nth(3).scrollIntoViewIfNeeded();
      await app.shot('phone-transactions-dark.png', page, 'view');
      await page.getByTestId('menu-button').click();
      await page.getByTestId('theme-toggle').click();
    });
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
