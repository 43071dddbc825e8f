import { createPubSub } from '@graphql-yoga/subscription';
import type { BackplaneEventTarget } from './backplane/backplane.js';

/** GraphQL subscriptions' pub/sub; across replicas when given the backplane's event target. */
export function createAppPubSub(eventTarget?: BackplaneEventTarget) {
  return createPubSub(eventTarget ? { eventTarget } : {});
}

export type AppPubSub = ReturnType<typeof createAppPubSub>;
