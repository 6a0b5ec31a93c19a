import { printSummary } from './print-summary';
import { runDemo } from './run-demo';
import type { DemoOptions } from './demo-options';

// `npm start` runs this once the stack is healthy (first start, or `npm start -- --demo`).
const env = process.env;
const apiKey = env['PAGERDUTY_API_KEY'];
const opts: DemoOptions = {
  gatewayUrl: env['SEATKEEPER_URL'] ?? 'http://127.0.0.1:3000',
  adminToken: env['SEATKEEPER_TOKEN'] ?? '',
  simulatorUrl: apiKey ? undefined : env['SEATKEEPER_SIMULATOR_URL'],
  pagerduty: apiKey ? { apiKey, region: env['PAGERDUTY_REGION'] === 'eu' ? 'eu' : 'us' } : undefined,
  users: env['SEATKEEPER_DEMO_USERS'] ? Number(env['SEATKEEPER_DEMO_USERS']) : undefined,
};
const io = { out: (s: string) => process.stdout.write(`${s}\n`), err: (s: string) => process.stderr.write(`${s}\n`), isTty: Boolean(process.stderr.isTTY) };

runDemo(opts, io).then(
  (result) => {
    printSummary(io, opts, result);
    process.exit(0);
  },
  (e: unknown) => {
    const problem = (e as { problem?: { code: string; detail?: string } }).problem;
    io.err(`[demo] failed: ${problem ? `${problem.code}: ${problem.detail ?? ''}` : (e as Error).message}`);
    process.exit(1);
  },
);
