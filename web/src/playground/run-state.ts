import type { ApiProblem } from '../apollo/problem';

/**
 * One playground run as the `completionStream` subscription delivers it: deltas appended as they
 * arrive, then the final chunk (`done`) with the usage, the charge and the balance after it.
 * A pure reducer, so the screen only renders what this says.
 */

/** What the reducer reads of a `CompletionChunk`. */
export interface StreamChunk {
  delta: string;
  done: boolean;
  /** The answering model and provider; a chunk may leave out what an earlier one said. */
  model?: string | null;
  provider?: string | null;
  cached?: boolean | null;
  /** Answered with the user's own provider key. */
  byok?: boolean | null;
  fallbackFrom?: string | null;
  usage?: { inputTokens: number; outputTokens: number } | null;
  charged?: string | null;
  balance?: { available: string } | null;
}

export type RunStatus = 'idle' | 'waiting' | 'streaming' | 'done' | 'stopped' | 'failed';

export interface RunState {
  /** Which run the state belongs to: events of an older run are ignored. */
  run: number;
  status: RunStatus;
  text: string;
  chunks: number;
  model: string | null;
  provider: string | null;
  fallbackFrom: string | null;
  cached: boolean | null;
  byok: boolean | null;
  usage: { inputTokens: number; outputTokens: number } | null;
  /** Exact `Credits` strings from the final chunk. */
  charged: string | null;
  availableAfter: string | null;
  problem: ApiProblem | null;
}

export type RunEvent =
  | { type: 'start'; run: number }
  | { type: 'chunk'; run: number; chunk: StreamChunk }
  | { type: 'fail'; run: number; problem: ApiProblem }
  /** The user stopped it: the server settles for what was produced. */
  | { type: 'stop'; run: number }
  /** The subscription completed. */
  | { type: 'closed'; run: number };

export const IDLE_RUN: RunState = {
  run: 0,
  status: 'idle',
  text: '',
  chunks: 0,
  model: null,
  provider: null,
  fallbackFrom: null,
  cached: null,
  byok: null,
  usage: null,
  charged: null,
  availableAfter: null,
  problem: null,
};

/** A stream that closes without its final chunk: the charge is unknown here (the balance will show it). */
export const CUT_SHORT: ApiProblem = { code: 'STREAM_CLOSED', message: 'The answer stopped before it was complete.' };

export function isRunning(state: RunState): boolean {
  return state.status === 'waiting' || state.status === 'streaming';
}

export function runReducer(state: RunState, event: RunEvent): RunState {
  if (event.type === 'start') return { ...IDLE_RUN, run: event.run, status: 'waiting' };
  // A late event of a run that was replaced, stopped or is over changes nothing.
  if (event.run !== state.run || !isRunning(state)) return state;
  switch (event.type) {
    case 'chunk': {
      const { chunk } = event;
      const next: RunState = {
        ...state,
        status: chunk.done ? 'done' : 'streaming',
        text: state.text + chunk.delta,
        chunks: state.chunks + 1,
        model: chunk.model ?? state.model,
        provider: chunk.provider ?? state.provider,
        fallbackFrom: chunk.fallbackFrom ?? state.fallbackFrom,
        cached: chunk.cached ?? state.cached,
        byok: chunk.byok ?? state.byok,
      };
      if (!chunk.done) return next;
      return { ...next, usage: chunk.usage ?? null, charged: chunk.charged ?? null, availableAfter: chunk.balance?.available ?? null };
    }
    case 'fail':
      return { ...state, status: 'failed', problem: event.problem };
    case 'stop':
      return { ...state, status: 'stopped' };
    case 'closed':
      return { ...state, status: 'failed', problem: CUT_SHORT };
  }
}
