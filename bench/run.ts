import { authBench } from './auth.bench.js';

/** `pnpm bench [name]`: runs one benchmark or all. Each prints ratios to a baseline from the same run. */
const benches: Record<string, () => Promise<void>> = { auth: authBench };
const wanted = process.argv[2];
for (const [name, run] of Object.entries(benches)) {
  if (!wanted || wanted === name) await run();
}
