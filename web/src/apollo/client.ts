import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { clearToken, getToken, subscribeToken } from '../auth/token-store';
import { actingAccountId, subscribeActingAccount } from '../teams/acting-account';
import { actingAccountLink, teamFallbackLink } from '../teams/acting-account-link';
import { problemFromError } from './problem';

const GRAPHQL_PATH = '/graphql';

/**
 * Objects without an id that a newer answer replaces wholesale (a refetched page, a balance pushed
 * by the subscription): `merge: true` says replacing them loses nothing. Pages are cached per
 * argument set (`first`, `after`, filters), so Next/Previous never need a merge function.
 */
const TYPE_POLICIES = {
  CreditBalance: { merge: true },
  CreditTransactionConnection: { merge: true },
  AdminAccountConnection: { merge: true },
  PageInfo: { merge: true },
  LedgerAudit: { merge: true },
  // Tiers have no id but a unique code: normalized, `me.tier` and the `tiers` list are the same
  // objects, so an admin's edit or a switch to free shows everywhere at once.
  Tier: { keyFields: ['code'] },
};

/**
 * The schema's interfaces a fragment is spread on (`fragment … on UsageEconomics`) and the types
 * that implement them (schema.graphql): without them the cache does not know the fragment applies
 * and drops its fields.
 */
const POSSIBLE_TYPES = {
  UsageEconomics: ['ModelEconomics', 'ProviderEconomics', 'TierEconomics'],
};

function websocketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}${GRAPHQL_PATH}`;
}

function createWsLink(): GraphQLWsLink {
  let socket: WebSocket | null = null;
  const client = createClient({
    url: websocketUrl(),
    // Read on every (re)connect, so a new sign-in or a team switch is picked up after the restart below.
    connectionParams: () => {
      const token = getToken();
      const account = actingAccountId();
      return token ? { authorization: `Bearer ${token}`, ...(account ? { account } : {}) } : {};
    },
    on: {
      opened: (opened) => {
        socket = opened as WebSocket;
      },
      closed: () => {
        socket = null;
      },
    },
  });
  // The server authenticates a socket once, at connection time: when the user or the acting
  // account changes, reconnect. Closing with a 4xxx code makes graphql-ws retry, and live
  // subscriptions resubscribe.
  const restart = () => {
    if (socket?.readyState === WebSocket.OPEN) socket.close(4205, 'Client Restart');
  };
  subscribeToken(restart);
  subscribeActingAccount(restart);
  return new GraphQLWsLink(client);
}

const authLink = new SetContextLink((prevContext) => {
  const token = getToken();
  if (!token) return {};
  return { headers: { ...prevContext.headers, authorization: `Bearer ${token}` } };
});

// A stored token the server rejects (expired, signed with a rotated secret, user gone) is useless:
// drop it, and the route guards send the user to sign-in. A failed sign-in carries no token, so
// its UNAUTHENTICATED answer is left for the form to show; and a late answer to a request made
// with an older token must not sign out the session that replaced it.
const sessionLink = new ErrorLink(({ error, operation }) => {
  const sent: unknown = operation.getContext().headers?.authorization;
  const current = getToken();
  if (!current || sent !== `Bearer ${current}`) return;
  if (problemFromError(error).code === 'UNAUTHENTICATED') clearToken('expired');
});

export function createApolloClient(): ApolloClient {
  const httpLink = new HttpLink({ uri: GRAPHQL_PATH });
  const transport = ApolloLink.split(
    (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    createWsLink(),
    ApolloLink.from([authLink, httpLink]),
  );
  const client = new ApolloClient({
    // The acting team goes into every operation's context (and HTTP's header) before the split.
    link: ApolloLink.from([sessionLink, teamFallbackLink, actingAccountLink, transport]),
    cache: new InMemoryCache({ typePolicies: TYPE_POLICIES, possibleTypes: POSSIBLE_TYPES }),
  });
  // Whoever signs in next must not see the previous user's cached data. clearStore (unlike
  // resetStore) refetches nothing, so no request goes out without a token.
  subscribeToken(() => {
    if (!getToken()) void client.clearStore();
  });
  // Another account's balance, keys and usage: every cached answer is the old account's, so drop
  // them all and refetch what is on screen (resetStore, unlike clearStore, refetches).
  // A refetch it makes may fail (aborted by the reset itself, or refused): each screen shows its own
  // query's error, so the reset's combined promise has nothing more to say.
  subscribeActingAccount(() => {
    if (getToken()) client.resetStore().catch(() => undefined);
  });
  return client;
}
