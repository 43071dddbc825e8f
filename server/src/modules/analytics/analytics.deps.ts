import type { Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { Sql } from '../../platform/sql.js';
import type { CatalogService } from '../catalog/index.js';

/** What every analytics service is built from (one shape, so the module wires them alike). */
export interface AnalyticsDeps {
  config: Config;
  sql: Sql;
  catalog: CatalogService;
  /** Whether payments run in test mode now: the figures count that mode's payments only. */
  testMode: () => boolean;
  clock?: Clock;
}
