import { randomUUID } from 'node:crypto';

/** The slice of OpenAPI 3 the fuzzer reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  minimum?: number;
  minLength?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
}
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Case {
  name: string;
  path: string;
  query?: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
  /** The field the problem must name. */
  field?: string;
}

export const HUGE_STRING = 'x'.repeat(100_000);
const HUGE_BODY = JSON.stringify({ padding: 'x'.repeat(2_100_000) });

export function resolve(doc: OpenApiDoc, schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(doc, doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')]);
  if (schema.allOf) {
    const parts = schema.allOf.map((s) => resolve(doc, s));
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})) as Record<string, Schema>,
      required: parts.flatMap((p) => p.required ?? []),
    };
  }
  return schema;
}

/** A value the schema accepts (as far as the document says). */
export function validValue(doc: OpenApiDoc, raw: Schema | undefined): unknown {
  const s = resolve(doc, raw);
  if (s.enum?.length) return s.enum[0];
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date-time') return new Date().toISOString();
      return 'f'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    default: {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = validValue(doc, v);
      return out;
    }
  }
}

/** A value of the wrong JSON type for the schema. */
export function wrongValue(doc: OpenApiDoc, raw: Schema | undefined): unknown {
  const s = resolve(doc, raw);
  if (s.enum?.length) return '__not_one_of_the_values__';
  switch (s.type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'not-a-boolean';
    case 'array':
      return 'not-an-array';
    default:
      return 'not-an-object';
  }
}

/** Every malformed request the fuzz test sends to one operation. Each must be refused with a 4xx. */
export function casesFor(doc: OpenApiDoc, template: string, method: string, op: Operation): Case[] {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const fill = (override?: { name: string; value: string }) =>
    template.replace(/\{([^}]+)\}/g, (_, name: string) => {
      if (override?.name === name) return encodeURIComponent(override.value);
      const p = pathParams.find((x) => x.name === name);
      return encodeURIComponent(String(validValue(doc, p?.schema ?? { type: 'string', format: 'uuid' })));
    });
  const path = fill();
  const cases: Case[] = [];

  for (const p of pathParams) {
    cases.push({ name: `path ${p.name} invalid`, path: fill({ name: p.name, value: 'not~valid' }), field: p.name });
  }
  const queryParams = params.filter((p) => p.in === 'query');
  for (const p of queryParams) {
    const s = resolve(doc, p.schema);
    if (s.type === 'integer' || s.type === 'number') {
      cases.push({ name: `query ${p.name} not a number`, path, query: `${p.name}=abc`, field: p.name });
      cases.push({ name: `query ${p.name} out of range`, path, query: `${p.name}=-99999999`, field: p.name });
    }
    if (s.type === 'string' && !s.enum) cases.push({ name: `query ${p.name} huge`, path, query: `${p.name}=${HUGE_STRING.slice(0, 4000)}`, field: p.name });
    if (s.enum) cases.push({ name: `query ${p.name} not in enum`, path, query: `${p.name}=__nope__`, field: p.name });
  }
  if (queryParams.length) cases.push({ name: 'unknown query parameter', path, query: '__fuzz=1', field: '__fuzz' });

  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  if (!bodySchema || !['post', 'put', 'patch'].includes(method)) return cases;
  const schema = resolve(doc, bodySchema);
  const base = validValue(doc, schema) as Record<string, unknown>;
  cases.push({ name: 'malformed JSON', path, raw: '{"unterminated": ', field: 'body' });
  cases.push({ name: 'JSON scalar', path, raw: '"just a string"', field: 'body' });
  cases.push({ name: 'body over 1 MB', path, raw: HUGE_BODY, field: 'body' });
  cases.push({ name: 'JSON array', path, body: [base] });
  cases.push({ name: 'not JSON content type', path, raw: 'name=x', contentType: 'text/plain' });
  cases.push({ name: 'unknown field', path, body: { ...base, __unexpected: 1 }, field: '__unexpected' });
  for (const [prop, propSchema] of Object.entries(schema.properties ?? {})) {
    cases.push({ name: `${prop} wrong type`, path, body: { ...base, [prop]: wrongValue(doc, propSchema) }, field: prop });
    cases.push({ name: `${prop} null`, path, body: { ...base, [prop]: null }, field: (schema.required ?? []).includes(prop) ? prop : undefined });
    const resolved = resolve(doc, propSchema);
    if (resolved.type === 'string' && !resolved.enum) {
      cases.push({ name: `${prop} huge string`, path, body: { ...base, [prop]: HUGE_STRING }, field: prop });
    }
    if ((schema.required ?? []).includes(prop)) {
      const { [prop]: _dropped, ...rest } = base;
      cases.push({ name: `${prop} missing`, path, body: rest, field: prop });
    }
  }
  return cases;
}
