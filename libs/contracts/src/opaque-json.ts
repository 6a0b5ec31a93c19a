import 'reflect-metadata';

const OPAQUE_JSON = Symbol.for('seatkeeper:opaque-json');

/**
 * A field that carries JSON as it came (a page of vendor records, a vendor's account as kept for a
 * restore): its own constraints still check it (`@IsObject({ each: true })`…), but validation
 * neither copies it through class-transformer nor walks it — for a page of 1,000 vendor records
 * that copy was most of the cost of validating the event, on the writer and on every consumer.
 */
export function OpaqueJson(): PropertyDecorator {
  return (target, key) => {
    const ctor = target.constructor;
    const own: (string | symbol)[] = Reflect.getOwnMetadata(OPAQUE_JSON, ctor) ?? [...opaqueJsonFields(ctor)];
    Reflect.defineMetadata(OPAQUE_JSON, [...own, key], ctor);
  };
}

/** The `@OpaqueJson()` fields of a contract class (its parents' included). */
export function opaqueJsonFields(cls: object): readonly (string | symbol)[] {
  return (Reflect.getMetadata(OPAQUE_JSON, cls) as (string | symbol)[] | undefined) ?? [];
}
