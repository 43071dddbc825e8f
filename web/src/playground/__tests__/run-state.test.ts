import { describe, expect, it } from 'vitest';
import { CUT_SHORT, IDLE_RUN, isRunning, runReducer, type RunEvent, type RunState, type StreamChunk } from '../run-state';

const chunk = (delta: string, extra: Partial<StreamChunk> = {}): StreamChunk => ({
  delta,
  done: false,
  model: 'sandbox/echo',
  provider: 'sandbox',
  cached: false,
  ...extra,
});
const play = (events: RunEvent[], from: RunState = IDLE_RUN) => events.reduce(runReducer, from);

describe('a playground run', () => {
  it('waits, appends each delta in order, and ends with the charge and the balance of the final chunk', () => {
    const started = play([{ type: 'start', run: 1 }]);
    expect(started).toMatchObject({ status: 'waiting', text: '' });
    expect(isRunning(started)).toBe(true);
    const streaming = play(
      [
        { type: 'chunk', run: 1, chunk: chunk('Hello') },
        { type: 'chunk', run: 1, chunk: chunk(' world') },
      ],
      started,
    );
    expect(streaming).toMatchObject({ status: 'streaming', text: 'Hello world', chunks: 2, charged: null });
    const done = runReducer(streaming, {
      type: 'chunk',
      run: 1,
      chunk: chunk('', { done: true, usage: { inputTokens: 9, outputTokens: 2 }, charged: '0.000025', balance: { available: '9.999975' } }),
    });
    expect(done).toMatchObject({
      status: 'done',
      text: 'Hello world',
      usage: { inputTokens: 9, outputTokens: 2 },
      charged: '0.000025',
      availableAfter: '9.999975',
    });
    expect(isRunning(done)).toBe(false);
  });

  it('says which model and provider answered, and the model first asked for when a fallback did', () => {
    const state = play([
      { type: 'start', run: 1 },
      { type: 'chunk', run: 1, chunk: chunk('Hi', { model: 'openai/gpt-4o-mini', provider: 'openai', fallbackFrom: 'anthropic/claude-3-5-haiku' }) },
      { type: 'chunk', run: 1, chunk: chunk('!', { model: 'openai/gpt-4o-mini', provider: 'openai', done: true, charged: '0.000100' }) },
    ]);
    expect(state).toMatchObject({ model: 'openai/gpt-4o-mini', provider: 'openai', fallbackFrom: 'anthropic/claude-3-5-haiku', cached: false });
  });

  it('keeps what an earlier chunk said when a later one leaves it out', () => {
    const state = play([
      { type: 'start', run: 1 },
      { type: 'chunk', run: 1, chunk: chunk('Hi', { byok: true }) },
      { type: 'chunk', run: 1, chunk: { delta: '', done: true, model: null, provider: null, cached: null, charged: '0.000000' } },
    ]);
    expect(state).toMatchObject({ model: 'sandbox/echo', provider: 'sandbox', cached: false, byok: true });
  });

  it('marks a cached answer', () => {
    const state = play([
      { type: 'start', run: 1 },
      { type: 'chunk', run: 1, chunk: chunk('Hi', { cached: true, done: true, charged: '0.000000' }) },
    ]);
    expect(state).toMatchObject({ cached: true, charged: '0.000000' });
  });

  it('keeps the text produced before a failure, with the problem', () => {
    const problem = { code: 'PROVIDER_UNAVAILABLE', message: 'down' };
    const state = play([
      { type: 'start', run: 1 },
      { type: 'chunk', run: 1, chunk: chunk('Par') },
      { type: 'fail', run: 1, problem },
    ]);
    expect(state).toMatchObject({ status: 'failed', text: 'Par', problem });
  });

  it('treats a stream that closes without its final chunk as cut short', () => {
    const state = play([
      { type: 'start', run: 1 },
      { type: 'chunk', run: 1, chunk: chunk('Par') },
      { type: 'closed', run: 1 },
    ]);
    expect(state).toMatchObject({ status: 'failed', problem: CUT_SHORT });
  });

  it('ignores what arrives after a stop, after the end, or from an older run', () => {
    const stopped = play([
      { type: 'start', run: 1 },
      { type: 'chunk', run: 1, chunk: chunk('A') },
      { type: 'stop', run: 1 },
      { type: 'chunk', run: 1, chunk: chunk('B') },
      { type: 'closed', run: 1 },
    ]);
    expect(stopped).toMatchObject({ status: 'stopped', text: 'A', problem: null });
    const second = play(
      [
        { type: 'start', run: 2 },
        { type: 'chunk', run: 1, chunk: chunk('old') },
        { type: 'chunk', run: 2, chunk: chunk('new') },
      ],
      stopped,
    );
    expect(second).toMatchObject({ run: 2, status: 'streaming', text: 'new' });
    const done = play(
      [
        { type: 'chunk', run: 2, chunk: chunk('', { done: true }) },
        { type: 'closed', run: 2 },
      ],
      second,
    );
    expect(done.status).toBe('done');
  });
});
