import type { Logger } from '../logger.js';
import type { BackplaneEventTarget } from './backplane.js';
import type { Health } from './outage.js';
import type { RedisClient } from './redis-clients.js';

type Callback = (event: CustomEvent) => void;
type Listener = Callback | { handleEvent: Callback } | null;

/**
 * Pub/sub over Redis for @graphql-yoga/subscription, on the model of @graphql-yoga/redis-event-target
 * but with every Redis promise handled: that package fires PUBLISH and SUBSCRIBE without awaiting
 * them, so one lost connection under load surfaced as an unhandled rejection and ended the
 * process. Here a push that cannot be published is dropped and counted as an outage; SUBSCRIBE
 * and UNSUBSCRIBE wait on the subscriber's own queue for the connection to return, and ioredis
 * re-subscribes every channel after a reconnect, so live subscriptions resume by themselves.
 */
export function createRedisEventTarget(publisher: RedisClient, subscriber: RedisClient, health: Health, log: Logger): BackplaneEventTarget {
  const callbacks = new Map<string, Set<Callback>>();
  const handled = (what: string, topic: string) => (err: unknown) => {
    health.failed('pubsub', err);
    log.debug({ err, topic }, `${what} failed`);
  };

  subscriber.on('message', (channel: string, message: string) => {
    const listeners = callbacks.get(channel);
    if (!listeners) return;
    let detail: unknown;
    try {
      detail = message === '' ? null : JSON.parse(message);
    } catch (err) {
      log.warn({ err, channel }, 'dropped a pub/sub message that is not JSON');
      return;
    }
    const event = new CustomEvent(channel, { detail });
    for (const callback of listeners) {
      // Called from ioredis's socket handler: a listener that throws would otherwise be an
      // uncaughtException, which shuts the process down (docs/decisions/0012), and starve the listeners after it.
      try {
        callback(event);
      } catch (err) {
        log.error({ err, channel }, 'a pub/sub listener threw; the message went on to the others');
      }
    }
  });

  const callbackOf = (listener: Listener): Callback | null => (listener === null ? null : 'handleEvent' in listener ? listener.handleEvent : listener);

  return {
    addEventListener(topic: string, listener: Listener) {
      const callback = callbackOf(listener);
      if (!callback) return;
      let listeners = callbacks.get(topic);
      if (!listeners) {
        listeners = new Set();
        callbacks.set(topic, listeners);
        subscriber.subscribe(topic).catch(handled('subscribe', topic));
      }
      listeners.add(callback);
    },
    removeEventListener(topic: string, listener: Listener) {
      const callback = callbackOf(listener);
      const listeners = callbacks.get(topic);
      if (!callback || !listeners) return;
      listeners.delete(callback);
      if (listeners.size > 0) return;
      callbacks.delete(topic);
      subscriber.unsubscribe(topic).catch(handled('unsubscribe', topic));
    },
    // Never throws: the one place a failed publish is handled (callers publish after a commit).
    dispatchEvent(event: CustomEvent) {
      let message: string;
      try {
        message = event.detail === undefined ? '' : JSON.stringify(event.detail);
      } catch (err) {
        log.error({ err, topic: event.type }, 'live push dropped: its payload is not JSON');
        return true;
      }
      publisher.publish(event.type, message).then(
        () => health.recovered('commands'),
        (err: unknown) => {
          health.failed('commands', err);
          log.debug({ err, topic: event.type }, 'live push dropped: the backplane is unreachable');
        },
      );
      return true;
    },
  } as BackplaneEventTarget;
}
