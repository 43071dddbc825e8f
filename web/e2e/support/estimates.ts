import type { Page } from 'playwright-core';
import { graphql } from './api';

export interface Figures {
  model: string | null;
  expected: string | null;
  max: string | null;
  inputTokens: string | null;
}

/**
 * Waits until the estimator has settled on `model` (the browser's figures and the server's check
 * both for it, nothing in flight) and reads both sets of figures off the page.
 */
export async function settledEstimates(page: Page, model: string): Promise<{ client: Figures; server: Figures; state: string | null }> {
  await page.locator(`[data-testid="client-estimate"][data-model="${model}"]`).waitFor();
  // The server's check is on the page only as data while it agrees (nothing for a person to read): attached, not visible.
  await page.locator(`[data-testid="server-check"][data-model="${model}"]:not([data-state="pending"])`).waitFor({ state: 'attached' });
  await page.locator('[data-testid="estimate-result"][aria-busy="false"]').waitFor();
  const read = (testId: string) =>
    page.getByTestId(testId).evaluate((el) => ({
      model: el.getAttribute('data-model'),
      expected: el.getAttribute('data-expected'),
      max: el.getAttribute('data-max'),
      inputTokens: el.getAttribute('data-input-tokens'),
    }));
  return {
    client: await read('client-estimate'),
    server: await read('server-check'),
    state: await page.getByTestId('server-check').getAttribute('data-state'),
  };
}

export interface ApiEstimate {
  model: string;
  inputTokens: number;
  maxOutputTokens: number;
  expectedCredits: string;
  maxCredits: string;
  affordable: boolean;
}

/** `estimateCost` asked straight over HTTP, as a client of the API would. */
export async function estimateCost(baseUrl: string, token: string, input: { model: string; prompt: string; maxTokens?: number }): Promise<ApiEstimate> {
  const data = await graphql<{ estimateCost: ApiEstimate }>(
    baseUrl,
    'query($input: EstimateCostInput!) { estimateCost(input: $input) { model inputTokens maxOutputTokens expectedCredits maxCredits affordable } }',
    { input },
    token,
  );
  return data.estimateCost;
}
