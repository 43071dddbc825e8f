/** Steady completion traffic against a server process, for fault-injection tests: whole and streamed calls per user. */
import { randomUUID } from 'node:crypto';
import { parseCredits } from '@tollgate/shared';
import type { Client } from 'graphql-ws';

export type Gql = (query: string, variables?: object, token?: string, headers?: Record<string, string>, raw?: boolean) => Promise<any>;

/** GraphQL over HTTP: the data (throwing on errors), or with `raw` the whole body. */
export function gqlClient(url: string): Gql {
  return async (query, variables = {}, token, headers = {}, raw = false) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: any[] };
    if (raw) return body;
    if (body.errors?.length || !body.data) throw new Error(`GraphQL failed (${res.status}): ${JSON.stringify(body.errors)}`);
    return body.data;
  };
}

export type Phase = 'before' | 'down' | 'after';
type Kind = 'whole' | 'stream';
export type CallResult =
  { ok: true; kind: Kind; phase: Phase; id: string; charged: bigint; cached: boolean } | { ok: false; kind: Kind; phase: Phase; error: string };

const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id cached charged } }`;
const STREAM = `subscription($i: CompletionInput!) { completionStream(input: $i) { id delta done cached charged } }`;
const PAUSE_MS = 100;

export interface Load {
  phase(next: Phase): void;
  successes(phase: Phase, kind?: Kind): number;
  /** Streams that have delivered text and not yet finished. */
  streamsMidAnswer(): number;
  /** Stops starting calls, waits for those in flight, and returns every call's outcome. */
  stop(): Promise<CallResult[]>;
}

export function runLoad(gql: Gql, users: Array<{ token: string; ws: Client }>): Load {
  let phase: Phase = 'before';
  let stopped = false;
  let midAnswer = 0;
  const results: CallResult[] = [];
  const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_MS));

  const whole = async (token: string) => {
    for (let n = 0; !stopped; n++) {
      const started = phase;
      // Every third call repeats itself with the cache on: hits while Redis is up, misses while it is down.
      const input = n % 3 === 2 ? { prompt: 'a repeated question', useCache: true } : { prompt: `whole ${randomUUID()}`, useCache: false };
      try {
        const body = await gql(COMPLETE, { i: { model: 'sandbox/echo', maxTokens: 16, ...input } }, token, {}, true);
        const c = body.data?.complete;
        results.push(
          c
            ? { ok: true, kind: 'whole', phase: started, id: c.id, charged: parseCredits(c.charged), cached: c.cached }
            : { ok: false, kind: 'whole', phase: started, error: JSON.stringify(body.errors) },
        );
      } catch (err) {
        results.push({ ok: false, kind: 'whole', phase: started, error: String(err) });
      }
      await pause();
    }
  };

  const streamOnce = async (ws: Client): Promise<CallResult> => {
    const started = phase;
    let talking = false;
    const prompt = `stream ${randomUUID().slice(0, 8)} one two three four five six seven eight`;
    const outcome = await streamCompletion(ws, { model: 'sandbox/echo', prompt, maxTokens: 40, useCache: false }, () => {
      talking = true;
      midAnswer += 1;
    });
    if (talking) midAnswer -= 1;
    return { ...outcome, kind: 'stream', phase: started };
  };

  const streams = async (ws: Client) => {
    while (!stopped) {
      results.push(await streamOnce(ws));
      await pause();
    }
  };

  const loops = users.flatMap((u) => [whole(u.token), streams(u.ws)]);
  return {
    phase: (next) => void (phase = next),
    successes: (p, kind) => results.filter((r) => r.ok && r.phase === p && (!kind || r.kind === kind)).length,
    streamsMidAnswer: () => midAnswer,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      return results;
    },
  };
}

type StreamOutcome = { ok: true; id: string; charged: bigint; cached: boolean } | { ok: false; error: string };

/** One completionStream to its end; `onFirstDelta` runs once text has arrived (the call is mid-answer). */
export function streamCompletion(ws: Client, input: object, onFirstDelta: () => void = () => undefined): Promise<StreamOutcome> {
  return new Promise((resolve) => {
    let talking = false;
    ws.subscribe(
      { query: STREAM, variables: { i: input } },
      {
        next: (msg: any) => {
          if (msg.errors) return resolve({ ok: false, error: JSON.stringify(msg.errors) });
          const chunk = msg.data.completionStream;
          if (chunk.done) return resolve({ ok: true, id: chunk.id, charged: parseCredits(chunk.charged), cached: chunk.cached });
          if (!talking) onFirstDelta();
          talking = true;
        },
        error: (err) => resolve({ ok: false, error: JSON.stringify(err) }),
        complete: () => resolve({ ok: false, error: 'completed without a last chunk' }),
      },
    );
  });
}
