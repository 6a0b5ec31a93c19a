import type { FieldMappingDto, TransformDto } from '@seatkeeper/contracts';

/** A transform could not produce a value: the record is quarantined with this reason. */
export class TransformFailure {
  constructor(readonly reason: string) {}
}

/** Reads a dotted path (`license.summary`, `teams.0.summary`); missing steps give undefined. */
export function readPath(record: Record<string, unknown>, path: string): unknown {
  if (path in record) return record[path];
  let current: unknown = record;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

function isEmpty(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

function needString(value: unknown, mapping: FieldMappingDto): string | TransformFailure {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return new TransformFailure(`${mapping.source}: ${mapping.transform.type} needs text, got ${describe(value)}`);
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function splitName(full: string, part: 'first' | 'last'): string | null {
  const words = full.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  if (words.length === 1) return part === 'first' ? (words[0] as string) : null;
  // "Mary Ann Smith": the last word is the family name, the rest the given names.
  return part === 'last' ? (words.at(-1) as string) : words.slice(0, -1).join(' ');
}

function toDate(value: unknown, format: TransformDto['format']): string | null | TransformFailure {
  if (isEmpty(value) || value === '') return null;
  let ms: number;
  if (format === 'epoch_s' || format === 'epoch_ms') {
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n)) return new TransformFailure(`not an epoch time: ${describe(value)}`);
    ms = format === 'epoch_s' ? n * 1000 : n;
  } else {
    if (typeof value !== 'string') return new TransformFailure(`not an ISO date: ${describe(value)}`);
    ms = Date.parse(value);
  }
  if (Number.isNaN(ms)) return new TransformFailure(`not a date: ${describe(value)}`);
  return new Date(ms).toISOString();
}

/** Applies one mapping's transform to a vendor record; the result still has to pass the target's validation. */
export function applyTransform(record: Record<string, unknown>, mapping: FieldMappingDto): unknown {
  const t = mapping.transform;
  const source = mapping.source ? readPath(record, mapping.source) : undefined;
  switch (t.type) {
    case 'copy':
      return source;
    case 'lower_case':
    case 'trim': {
      if (isEmpty(source)) return null;
      const text = needString(source, mapping);
      if (text instanceof TransformFailure) return text;
      return t.type === 'lower_case' ? text.toLowerCase() : text.trim();
    }
    case 'split_full_name': {
      if (isEmpty(source)) return null;
      const text = needString(source, mapping);
      return text instanceof TransformFailure ? text : splitName(text, t.part ?? 'first');
    }
    case 'constant':
      return t.value ?? null;
    case 'template':
      return (t.template ?? '').replace(/\{([A-Za-z0-9_.]+)\}/g, (_, path: string) => {
        const v = readPath(record, path);
        return isEmpty(v) ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      });
    case 'date':
      return toDate(source, t.format);
    case 'value_map': {
      if (isEmpty(source)) return t.default ?? null;
      const key = typeof source === 'object' ? JSON.stringify(source) : String(source);
      if (t.map && Object.prototype.hasOwnProperty.call(t.map, key)) return t.map[key];
      return t.default ?? source;
    }
  }
}
