import type { INestApplication } from '@nestjs/common';
import { buildOpenApiDocument } from '../src/http/openapi';
import { casesFor, type OpenApiDoc } from './support/openapi-fuzz';
import { startGateway, type GatewayUnderTest } from './support/gateway-harness';

/**
 * For every operation in the OpenAPI document (so every route, including later issues'): malformed
 * JSON, a scalar, an array, an over-limit body, unknown fields, each field missing, null, of the
 * wrong type and 100 000 characters long, and bad path/query values. Each must get a 4xx
 * problem+json naming the field — never a 5xx, never an accepted request.
 */
describe('fuzzing every route', () => {
  let gw: GatewayUnderTest;
  let doc: OpenApiDoc;

  beforeAll(async () => {
    gw = await startGateway();
    doc = buildOpenApiDocument(gw.service.running.app as INestApplication) as unknown as OpenApiDoc;
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('refuses every malformed request with a 4xx problem+json naming the field', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const [template, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        for (const c of casesFor(doc, template, method, op)) {
          const url = c.query ? `${c.path}?${c.query}` : c.path;
          const headers = c.contentType ? { 'content-type': c.contentType } : undefined;
          const answer = await gw.call(method.toUpperCase(), url, { token: gw.tokens.admin.secret, body: c.body, raw: c.raw, headers });
          sent++;
          if (process.env['FUZZ_TRACE']) process.stdout.write(`${method} ${template} [${c.name}] -> ${answer.status} ${answer.text.slice(0, 160)}\n`);
          const label = `${method.toUpperCase()} ${template} [${c.name}]`;
          if (answer.status < 400 || answer.status >= 500) {
            failures.push(`${label}: ${answer.status} ${answer.text.slice(0, 200)}`);
            continue;
          }
          if (!answer.contentType.startsWith('application/problem+json')) {
            failures.push(`${label}: ${answer.contentType}`);
            continue;
          }
          const problem = answer.body as { code?: string; request_id?: string; errors?: { field: string }[] };
          if (!problem.code || !problem.request_id) failures.push(`${label}: problem without code or request_id`);
          if (c.field) {
            const named = (problem.errors ?? []).some((e) => e.field === c.field || e.field.startsWith(`${c.field}.`));
            if (!named) failures.push(`${label}: does not name ${c.field}: ${answer.text.slice(0, 300)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // At least the token routes were fuzzed (body, path and query cases).
    expect(sent).toBeGreaterThan(20);
  });
});
