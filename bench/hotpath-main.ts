import { hotpathBench } from './hotpath.bench.js';

/** Entry for bench/hotpath-at.sh: the hot-path count alone, on whatever tree these files were copied into. */
await hotpathBench();
