#!/usr/bin/env node
// Sums every package's vitest JSON report into one closing line ("N passed, N failed, N skipped")
// and fails when any package failed or wrote no report (a build that broke before its tests).
// `--clean` removes old reports first, so a stale report can never stand in for a run.
// `pnpm lint` (eslint, prettier --check, module boundaries) runs first; `--lint-passed` records that it passed.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = ['shared', 'server', 'web'];
const report = (pkg) => `${root}${pkg}/test-output/vitest.json`;
// The server's global teardown scans every test server's log for every secret the tests created.
const logScan = `${root}server/test-output/log-scan.json`;
const lintPassed = `${root}test-output/lint-passed`;

if (process.argv.includes('--clean')) {
  for (const pkg of packages) rmSync(report(pkg), { force: true });
  rmSync(logScan, { force: true });
  rmSync(lintPassed, { force: true });
  process.exit(0);
}
if (process.argv.includes('--lint-passed')) {
  mkdirSync(dirname(lintPassed), { recursive: true });
  writeFileSync(lintPassed, `${new Date().toISOString()}\n`);
  process.exit(0);
}

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
if (!existsSync(lintPassed)) problems.push('lint: `pnpm lint` failed (eslint, prettier --check or module boundaries): nothing else ran');
else console.log('lint: eslint, prettier --check and module boundaries passed');
for (const pkg of packages) {
  if (!existsSync(report(pkg))) {
    problems.push(`${pkg}: no test report (its build or test run did not complete)`);
    continue;
  }
  const r = JSON.parse(readFileSync(report(pkg), 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  if (r.numFailedTestSuites > 0 || r.numFailedTests > 0 || !r.success) problems.push(`${pkg}: failures`);
  console.log(`${pkg}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
}
if (existsSync(report('server'))) {
  // One more check of the run: counted as a failed test when it found a leak or never ran.
  const scan = existsSync(logScan) ? JSON.parse(readFileSync(logScan, 'utf8')) : null;
  if (!scan) problems.push('server: no log scan (test-output/log-scan.json): the global teardown did not run');
  else if (scan.leaks.length > 0) problems.push(`server: ${scan.leaks.length} log lines hold a secret (test-output/log-scan.json)`);
  if (scan?.leaks.length > 0) failed += 1;
  if (scan) console.log(`server log scan: ${scan.lines} lines against ${scan.secrets} secrets, ${scan.leaks.length} leaks`);
}
for (const p of problems) console.log(`FAILED ${p}`);
console.log(`tests: ${passed} passed, ${failed + (problems.length && !failed ? problems.length : 0)} failed, ${skipped} skipped`);
process.exit(problems.length > 0 ? 1 : 0);
