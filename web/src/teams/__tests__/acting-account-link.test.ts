import { ApolloClient, ApolloLink, InMemoryCache, gql } from '@apollo/client';
import { Observable } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installBrowserStorage, tokenFor } from './browser-storage';

installBrowserStorage();
const { setToken } = await import('../../auth/token-store');
const account = await import('../acting-account');
const { ACTING_ACCOUNT_HEADER, actingAccountLink, lostMembership, teamFallbackLink, NOT_A_MEMBER_MESSAGE } = await import('../acting-account-link');

const ACME = { id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', name: 'Acme' };
const GLOBEX = { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', name: 'Globex' };
const QUERY = gql`
  query Balance {
    creditBalance {
      available
    }
  }
`;

type Answer = { data?: unknown; errors?: { message: string; extensions: { code: string } }[] };

/**
 * The client's own chain (fallback, acting account) in front of a terminating link that records
 * the headers each request carried and answers as the server would (the HTTP transport is the
 * only thing replaced: what is under test is what the SPA sends and how it reacts).
 */
function clientAnswering(answer: (team: string | undefined) => Answer) {
  const sent: (string | undefined)[] = [];
  const server = new ApolloLink((operation) => {
    const headers = (operation.getContext().headers ?? {}) as Record<string, string>;
    const team = headers[ACTING_ACCOUNT_HEADER];
    sent.push(team);
    return new Observable((observer) => {
      observer.next(answer(team) as never);
      observer.complete();
    });
  });
  const client = new ApolloClient({
    link: ApolloLink.from([teamFallbackLink, actingAccountLink, server]),
    cache: new InMemoryCache(),
    devtools: { enabled: false },
  });
  return { client, sent };
}

const balance = { data: { creditBalance: { __typename: 'CreditBalance', available: '1.000000' } } };
const notAMember = { errors: [{ message: NOT_A_MEMBER_MESSAGE, extensions: { code: 'FORBIDDEN' } }] };

describe('the acting-account link', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setToken(tokenFor('11111111-1111-4111-8111-111111111111'));
    account.setActingTeam(null);
  });
  afterEach(() => vi.useRealTimers());

  it('sends X-Tollgate-Account for a team, and no header for the personal account', async () => {
    const { client, sent } = clientAnswering(() => balance);
    await client.query({ query: QUERY, fetchPolicy: 'network-only' });
    account.setActingTeam(ACME);
    await client.query({ query: QUERY, fetchPolicy: 'network-only' });
    expect(sent).toEqual([undefined, ACME.id]);
  });

  it('falls back to the personal account when the server says the person is no longer a member', async () => {
    account.setActingTeam(ACME);
    const { client, sent } = clientAnswering((team) => (team ? notAMember : balance));
    await expect(client.query({ query: QUERY, fetchPolicy: 'network-only' })).rejects.toThrow(NOT_A_MEMBER_MESSAGE);
    // After the failing operation's own delivery, not inside it.
    expect(account.getActingTeam()).toEqual(ACME);
    await vi.runAllTimersAsync();
    expect(account.getActingTeam()).toBeNull();
    expect(account.lostTeam()).toEqual(ACME);
    await client.query({ query: QUERY, fetchPolicy: 'network-only' });
    expect(sent).toEqual([ACME.id, undefined]);
  });

  it('keeps the team for any other refusal, and for a late answer about a team no longer acted for', async () => {
    const forbidden = { errors: [{ message: 'Only an owner may remove an owner', extensions: { code: 'FORBIDDEN' } }] };
    account.setActingTeam(ACME);
    const { client } = clientAnswering(() => forbidden);
    await expect(client.query({ query: QUERY, fetchPolicy: 'network-only' })).rejects.toThrow();
    await vi.runAllTimersAsync();
    expect(account.getActingTeam()).toEqual(ACME);

    const refusal = new Error(NOT_A_MEMBER_MESSAGE);
    expect(lostMembership(refusal, ACME, ACME)).toBeNull(); // not a GraphQL FORBIDDEN

    // Sent for Globex; the person switched to Acme before the answer came.
    account.setActingTeam(GLOBEX);
    const { client: late } = clientAnswering(() => {
      account.setActingTeam(ACME);
      return notAMember;
    });
    await expect(late.query({ query: QUERY, fetchPolicy: 'network-only' })).rejects.toThrow();
    await vi.runAllTimersAsync();
    expect(account.getActingTeam()).toEqual(ACME);
    expect(account.lostTeam()).toBeNull();
  });
});
