import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GATEWAY_OPENAPI_PATH, generateGatewayOpenApi } from '../src/http/openapi-file';

describe('apps/gateway/openapi.json', () => {
  let generated: string;
  beforeAll(async () => {
    generated = await generateGatewayOpenApi();
  });

  it('is what the generator makes from the current controllers and DTOs (regenerate: node -r @swc-node/register tools/openapi/generate-gateway-openapi.ts)', () => {
    expect(readFileSync(GATEWAY_OPENAPI_PATH, 'utf8')).toBe(generated);
  });

  it('validates as OpenAPI 3 with @apidevtools/swagger-parser', () => {
    expect(validate(GATEWAY_OPENAPI_PATH)).toMatchObject({ valid: true, openapi: expect.stringMatching(/^3\./) });
  });

  it('the validator rejects a broken document (so the check above can fail)', () => {
    const broken = join(tmpdir(), `broken-openapi-${process.pid}.json`);
    writeFileSync(broken, JSON.stringify({ openapi: '3.0.0', info: { title: 'x' }, paths: { '/a': { get: { responses: 'nope' } } } }));
    expect(validate(broken)).toMatchObject({ valid: false });
  });

  it('documents bearer auth on every non-public operation and the pagination parameters on lists', () => {
    const doc = JSON.parse(generated) as { paths: Record<string, Record<string, { security?: unknown[]; parameters?: { name: string }[] }>> };
    const tokensList = doc.paths['/api/v1/tokens']?.['get'];
    expect(tokensList?.security).toEqual([{ bearer: [] }]);
    expect(tokensList?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['limit', 'cursor']));
    expect(doc.paths['/api/v1/system/status']?.['get']?.security).toBeUndefined();
  });
});

function validate(file: string): { valid: boolean; openapi?: string; error?: string } {
  const script = resolve(__dirname, '..', '..', '..', 'tools', 'openapi', 'validate-openapi.mjs');
  const run = spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { valid: boolean; openapi?: string; error?: string };
}
