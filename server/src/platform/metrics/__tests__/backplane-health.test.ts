import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { OutageLog } from '../../backplane/outage.js';
import { registry } from '../index.js';
import { parseSamples, valueOf } from './prometheus-text.js';

const read = async () => parseSamples(await registry.metrics());

// The OutageLog is what the Redis backplane reports its connections to; driven directly here, so
// the transitions need no Redis to take down (redis-outage.test.ts does that for the log lines).
describe('backplane health metrics', () => {
  it('follow the transitions an OutageLog reports, and ignore those before start and after close', async () => {
    const outage = new OutageLog(pino({ level: 'silent' }), 'test');
    outage.failed('pubsub', new Error('not yet connected'));
    expect(valueOf(await read(), 'tollgate_backplane_transitions_total', { connection: 'pubsub' })).toBe(0);
    outage.start();
    expect(valueOf(await read(), 'tollgate_backplane_up')).toBe(1);

    outage.failed('commands', new Error('connection closed'));
    outage.failed('commands', new Error('again: one transition'));
    let samples = await read();
    expect(valueOf(samples, 'tollgate_backplane_up')).toBe(0);
    expect(valueOf(samples, 'tollgate_backplane_connection_up', { connection: 'commands' })).toBe(0);
    expect(valueOf(samples, 'tollgate_backplane_transitions_total', { connection: 'commands', to: 'down' })).toBe(1);

    outage.recovered('commands');
    samples = await read();
    expect(valueOf(samples, 'tollgate_backplane_up')).toBe(1);
    expect(valueOf(samples, 'tollgate_backplane_connection_up', { connection: 'commands' })).toBe(1);
    expect(valueOf(samples, 'tollgate_backplane_transitions_total', { connection: 'commands', to: 'up' })).toBe(1);

    outage.failed('commands', new Error('down once more'));
    expect(valueOf(await read(), 'tollgate_backplane_up')).toBe(0);
    // Our own close is no outage: the closed backplane no longer counts.
    outage.close();
    outage.failed('pubsub', new Error('connection closed'));
    samples = await read();
    expect(valueOf(samples, 'tollgate_backplane_up')).toBe(1);
    expect(samples.some((s) => s.name === 'tollgate_backplane_connection_up')).toBe(false);
    expect(valueOf(samples, 'tollgate_backplane_transitions_total', { connection: 'pubsub' })).toBe(0);
  });
});
