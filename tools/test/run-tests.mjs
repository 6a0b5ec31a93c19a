#!/usr/bin/env node
// `npm test`: every unit and integration test in one jest run, then the plain summary line
// CI reads ("N passed, N failed"). Extra arguments go to jest (e.g. a path pattern).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const out = 'tmp/jest-results.json';
mkdirSync('tmp', { recursive: true });
rmSync(out, { force: true });
const args = ['jest', '-c', 'jest.config.cjs', '--json', `--outputFile=${out}`, ...process.argv.slice(2)];
if (process.env.CI) args.push('--ci');
const run = spawnSync('npx', args, { stdio: 'inherit', env: process.env });

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed = r.numPassedTests;
  skipped = r.numPendingTests + (r.numTodoTests ?? 0);
  // A suite that crashed before running its tests counts as a failure too.
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
} catch {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
