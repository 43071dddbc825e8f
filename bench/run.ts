import { analyticsBench } from './analytics.bench.js';
import { authBench } from './auth.bench.js';
import { gatewayBench } from './gateway.bench.js';
import { hotpathBench } from './hotpath.bench.js';
import { ledgerBench } from './ledger.bench.js';
import { peerBench } from './peer.bench.js';

/** `pnpm bench [name]`: runs one benchmark or all. Each prints ratios to a baseline from the same run. */
const benches: Record<string, () => Promise<void>> = {
  ledger: ledgerBench,
  auth: authBench,
  gateway: gatewayBench,
  hotpath: hotpathBench,
  analytics: analyticsBench,
  peer: peerBench,
};
/** Run only when named: it seeds 10M usage events (minutes, ~4 GB). */
const onlyWhenNamed = new Set(['analytics']);
const wanted = process.argv[2];
if (wanted && !benches[wanted]) throw new Error(`unknown bench "${wanted}"; one of: ${Object.keys(benches).join(', ')}`);
for (const [name, run] of Object.entries(benches)) {
  if (wanted ? wanted === name : !onlyWhenNamed.has(name)) await run();
}
