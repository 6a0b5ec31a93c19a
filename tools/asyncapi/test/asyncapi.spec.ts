import { Parser } from '@asyncapi/parser';
import { ALL_EVENTS } from '@seatkeeper/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildAsyncApiDocument } from '../src/asyncapi-document';

const COMMITTED = join(__dirname, '..', '..', '..', 'docs', 'asyncapi.yaml');

describe('AsyncAPI document', () => {
  const generated = buildAsyncApiDocument();

  it('is a valid AsyncAPI 3 document for the parser from npm', async () => {
    const { document, diagnostics } = await new Parser().parse(generated);
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('has a channel for every subject in contracts, with the payload fields of its class', () => {
    const doc = parse(generated) as {
      channels: Record<string, { address: string }>;
      components: { schemas: Record<string, { properties: Record<string, unknown>; required: string[] }> };
    };
    const addresses = Object.values(doc.channels).map((c) => c.address).sort();
    expect(addresses).toEqual(ALL_EVENTS.map((e) => e.subject).sort());
    const deactivated = doc.components.schemas['DirectorySaasUserDeactivatedV1Payload'];
    expect(deactivated?.properties['saasUserId']).toEqual({ type: 'string', format: 'uuid' });
    expect(deactivated?.properties['status']).toEqual({ enum: ['active', 'deactivated', 'deleted'] });
    expect(deactivated?.required).toEqual(expect.arrayContaining(['saasUserId', 'saasAppId', 'externalId', 'status']));
    expect(deactivated?.required).not.toContain('personId');
  });

  it('is committed as generated (run `npx nx run asyncapi:generate` after changing contracts)', () => {
    expect(readFileSync(COMMITTED, 'utf8')).toBe(generated);
  });
});
