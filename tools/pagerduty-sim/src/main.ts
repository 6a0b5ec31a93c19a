import { optionsFromArgs } from './config';
import { startSimulator } from './index';

// CLI entry: flags (or PD_SIM_* env), then one JSON line on stdout once listening, which is
// what scripts and the test helper wait for.
async function main(): Promise<void> {
  const sim = await startSimulator(optionsFromArgs(process.argv.slice(2), process.env));
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: sim.url })}\n`);
  const stop = (): void => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
