import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Workspace root: the directory holding nx.json. */
export function workspaceRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('nx.json not found above ' + from);
    dir = up;
  }
  return dir;
}

export const SPEC_PATH = resolve(workspaceRoot(), '..', 'shared/reference/pagerduty/openapiv3.json');

type Json = Record<string, unknown>;

/**
 * Validates simulator responses against PagerDuty's official OpenAPI 3.0 description. The whole
 * document is registered with Ajv under `pd`, so the spec's own `$ref`s (including pointers into
 * other schemas, like `Tag/allOf/0`) resolve unchanged.
 */
export class OpenApiValidator {
  private readonly spec: Json;
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(path = SPEC_PATH) {
    if (!existsSync(path)) {
      throw new Error(`PagerDuty OpenAPI description not found at ${path}; conformance tests need shared/reference beside the repo`);
    }
    this.spec = JSON.parse(readFileSync(path, 'utf8')) as Json;
    this.ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true });
    addFormats(this.ajv);
    // Formats the spec invents (tzinfo, activesupport-time-zone, ...) are accepted as free text.
    for (const f of collectFormats(this.spec)) if (!this.ajv.formats[f]) this.ajv.addFormat(f, true);
    this.ajv.addSchema({ ...this.spec, $id: 'pd' });
  }

  /** Errors (empty when valid) for a response body of `METHOD /template` with `status`. */
  validate(method: string, template: string, status: number, body: unknown): string[] {
    const pointer = this.schemaPointer(method.toLowerCase(), template, status);
    let fn = this.compiled.get(pointer);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `pd#${pointer}` });
      this.compiled.set(pointer, fn);
    }
    return fn(body) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }

  /** Errors for a body checked against the spec's generic error schema (for statuses an operation omits). */
  validateError(body: unknown): string[] {
    const pointer = '/components/responses/Conflict/content/application~1json/schema';
    let fn = this.compiled.get(pointer);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `pd#${pointer}` });
      this.compiled.set(pointer, fn);
    }
    return fn(body) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  }

  /** Whether the spec documents this status for the operation at all. */
  documents(method: string, template: string, status: number): boolean {
    return this.responseObject(method.toLowerCase(), template, status) !== undefined;
  }

  private responseObject(method: string, template: string, status: number): string | undefined {
    const paths = this.spec['paths'] as Record<string, Record<string, Json>>;
    const op = paths[template]?.[method];
    if (!op) throw new Error(`spec has no operation ${method} ${template}`);
    const responses = op['responses'] as Record<string, unknown>;
    if (!(String(status) in responses)) return undefined;
    return `/paths/${esc(template)}/${method}/responses/${status}`;
  }

  private schemaPointer(method: string, template: string, status: number): string {
    let pointer = this.responseObject(method, template, status);
    if (!pointer) throw new Error(`spec documents no ${status} for ${method} ${template}`);
    // Response objects may themselves be $refs (#/components/responses/...): follow them.
    for (let node = this.at(pointer); typeof node['$ref'] === 'string'; node = this.at(pointer)) pointer = (node['$ref'] as string).slice(1);
    return `${pointer}/content/application~1json/schema`;
  }

  private at(pointer: string): Json {
    let node: unknown = this.spec;
    for (const part of pointer.split('/').slice(1)) node = (node as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return node as Json;
  }
}

function esc(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function collectFormats(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) collectFormats(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'format' && typeof v === 'string') out.add(v);
      else collectFormats(v, out);
    }
  }
  return out;
}
