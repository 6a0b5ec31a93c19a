import { runCli } from './program';

void runCli(process.argv.slice(2), {
  env: process.env,
  io: { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`), isTty: Boolean(process.stderr.isTTY) },
}).then((code) => process.exit(code));
