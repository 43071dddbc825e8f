/**
 * Model-based property test: long random sequences of ledger commands over three users, applied
 * to the real LedgerService (real PostgreSQL) and to the in-memory reference model side by side.
 * After every step the balances, grant remainders, hold states, entry and alert counts, error
 * codes and published events must agree; the full ledger audit runs every 50 steps and at the end.
 *
 * The commands are in property-commands.ts, turned into operations by property-concretise.ts and
 * run against both sides by property-sequence.ts.
 *
 * Reproduce a failure with the seed it prints: FC_SEED=<seed> (add FC_PATH=<path> from fast-check's
 * report to replay only the shrunk case). FC_RUNS changes the number of sequences; FC_SHRINK=0
 * reports the first failing sequence without shrinking it (each shrink step replays a sequence).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedgerHarness, type LedgerHarness } from './ledger-harness.js';
import { cmdArb } from './property-commands.js';
import { runSequence, totals } from './property-sequence.js';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20_311_121;
const PATH = process.env.FC_PATH;
const RUNS = Number(process.env.FC_RUNS ?? 64);
const MIN_STEPS = 150;
const MAX_STEPS = 300;
const REQUIRED_OPERATIONS = 10_000;

let h: LedgerHarness;

beforeAll(async () => {
  h = await startLedgerHarness({ poolSize: 4 });
});

afterAll(async () => {
  await h?.close();
});

describe('ledger against the reference model', () => {
  it(
    'agrees with the model after every step of long random command sequences, and the audit stays clean',
    async () => {
      const started = Date.now();
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(cmdArb, { minLength: MIN_STEPS, maxLength: MAX_STEPS, size: 'max' }), async (cmds) => {
            await runSequence(h, cmds);
          }),
          { seed: SEED, numRuns: RUNS, path: PATH, endOnFailure: process.env.FC_SHRINK === '0' },
        );
      } catch (err) {
        console.error(`ledger property test failed; reproduce with FC_SEED=${SEED} (fast-check's report names the path for FC_PATH)`);
        throw err;
      }
      const summary = [...totals.coverage].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`);
      console.info(
        `ledger property test: ${totals.operations} operations in ${RUNS} sequences, ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${SEED}\n  ${summary.join('\n  ')}`,
      );
      if (!PATH && !process.env.FC_RUNS) expect(totals.operations).toBeGreaterThanOrEqual(REQUIRED_OPERATIONS);
    },
    30 * 60_000,
  );
});
