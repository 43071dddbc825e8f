import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CreditUsdQuery } from '../../ui/useCreditUsd';
import { CapMeter, type CapSpendView } from '../CapMeter';

/** A client that answers only from its cache: the rate `Credits` reads is written in, nothing is sent. */
function offlineClient() {
  const client = new ApolloClient({ cache: new InMemoryCache(), link: ApolloLink.empty() });
  client.writeQuery({ query: CreditUsdQuery, data: { creditUsd: '0.010000' } });
  return client;
}

const render = (capSpend: CapSpendView, now: Date) =>
  renderToStaticMarkup(
    <ApolloProvider client={offlineClient()}>
      <CapMeter capSpend={capSpend} now={now} />
    </ApolloProvider>,
  ).replace(/<!-- -->/g, '');
const text = (markup: string) => markup.replace(/<[^>]+>/g, '');

const NOW = new Date('2026-12-05T18:00:00Z');
const half: CapSpendView = { cap: { limit: '10.000000', period: 'DAY' }, spent: '5.000000', remaining: '5.000000', resetsAt: '2026-12-06T00:00:00.000Z' };

describe('<CapMeter>', () => {
  it('shows spent / cap per period, what is left and when it resets', () => {
    const out = render(half, NOW);
    expect(text(out)).toContain('5.00 / 10.00 credits per day');
    expect(text(out)).toContain('5.00 left · resets in 6 hours');
    expect(out).toContain('dateTime="2026-12-06T00:00:00.000Z"');
    expect(out).toMatch(/<meter[^>]*value="0.5"/);
    expect(out).toContain('aria-label="Spend cap 10.00 credits per day: 5.00 spent"');
    expect(out).toContain('data-full="false"');
  });

  it('reads full, and says the cap is reached, when nothing remains', () => {
    const out = render({ ...half, spent: '10.000000', remaining: '0.000000' }, NOW);
    expect(out).toMatch(/<meter[^>]*value="1"/);
    expect(out).toContain('data-full="true"');
    expect(text(out)).toContain('Cap reached · resets in 6 hours');
  });
});
