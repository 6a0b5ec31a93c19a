/**
 * Generates apps/gateway/openapi.json from the gateway's controllers and DTOs.
 *   node -r @swc-node/register tools/openapi/generate-gateway-openapi.ts          writes the file
 *   node -r @swc-node/register tools/openapi/generate-gateway-openapi.ts --check  exits 1 if it is stale
 * (apps/gateway/test/openapi.integration-spec.ts runs the same comparison in CI.)
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { GATEWAY_OPENAPI_PATH, generateGatewayOpenApi } from '../../apps/gateway/src/http/openapi-file';

async function cli(): Promise<void> {
  const generated = await generateGatewayOpenApi();
  if (process.argv.includes('--check')) {
    if (readFileSync(GATEWAY_OPENAPI_PATH, 'utf8') !== generated) {
      process.stderr.write('apps/gateway/openapi.json is stale: run node -r @swc-node/register tools/openapi/generate-gateway-openapi.ts\n');
      process.exit(1);
    }
    process.stdout.write('apps/gateway/openapi.json is up to date\n');
    return;
  }
  writeFileSync(GATEWAY_OPENAPI_PATH, generated);
  process.stdout.write(`wrote ${GATEWAY_OPENAPI_PATH}\n`);
}

cli().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
