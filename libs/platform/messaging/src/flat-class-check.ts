import { TransformationType } from 'class-transformer';
import type { MetadataStorage as TransformerMetadata } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Plain = Record<string, unknown>;
type Condition = (object: object, value: unknown) => boolean;
interface Rule {
  metadata: ValidationMetadata;
  validate: (value: unknown, args: object) => unknown;
}
interface PropertyPlan {
  property: string;
  conditions: Condition[];
  rules: Rule[];
  /** `@Type(() => Number)` and the like: class-transformer would convert; here the value must already be one. */
  primitive?: 'number' | 'string' | 'boolean';
}
export type FlatCheck = (plain: Plain) => boolean;

const PRIMITIVES = new Map<unknown, PropertyPlan['primitive']>([
  [Number, 'number'],
  [String, 'string'],
  [Boolean, 'boolean'],
]);
const plans = new WeakMap<object, FlatCheck | null>();
// class-transformer's own registry of @Type/@Transform/@Expose/@Exclude (not re-exported by its index).
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerMetadata };

/**
 * A contract class's class-validator rules as one function: true when `validateSync` of its
 * class-transformer instance would find no problem. It calls the very constraint instances, with
 * the same arguments, that class-validator calls — only the walk around them is shorter, and no
 * instance is built first (class-transformer's copy and class-validator's executor were a quarter
 * of each event consumer's CPU). Only for flat classes: null when a class has nested or `each`
 * rules, groups, `@IsDefined`, async constraints, or class-transformer metadata that could change
 * a value; those, and every payload this says false to, take the full way (which also words the
 * problems).
 */
export function flatCheckOf(cls: new () => object): FlatCheck | null {
  let plan = plans.get(cls);
  if (plan === undefined) plans.set(cls, (plan = compile(cls)));
  return plan;
}

function compile(cls: new () => object): FlatCheck | null {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(cls, '', false, false);
  if (metadatas.length === 0) return null;
  if (defaultMetadataStorage.getExposedMetadatas(cls).length > 0 || defaultMetadataStorage.getExcludedMetadatas(cls).length > 0) return null;
  const byProperty = new Map<string, PropertyPlan>();
  for (const m of metadatas) {
    if (m.each || (m.groups && m.groups.length > 0) || m.always) return null;
    const p = byProperty.get(m.propertyName) ?? { property: m.propertyName, conditions: [], rules: [] };
    byProperty.set(m.propertyName, p);
    if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      p.conditions.push(m.constraints[0] as Condition);
    } else if (m.type === ValidationTypes.CUSTOM_VALIDATION) {
      for (const c of storage.getTargetValidatorConstraints(m.constraintCls)) {
        if (c.async) return null;
        const instance = c.instance as { validate: Rule['validate'] };
        p.rules.push({ metadata: m, validate: instance.validate.bind(instance) });
      }
    } else return null;
  }
  for (const p of byProperty.values()) {
    if (defaultMetadataStorage.findTransformMetadatas(cls, p.property, TransformationType.PLAIN_TO_CLASS).length > 0) return null;
    const type = defaultMetadataStorage.findTypeMetadata(cls, p.property);
    if (type) {
      const primitive = PRIMITIVES.get(type.typeFunction());
      if (!primitive) return null;
      p.primitive = primitive;
    }
  }
  const properties = [...byProperty.values()];
  const targetName = cls.name;
  return (object) => {
    for (const { property, conditions, rules, primitive } of properties) {
      const value = object[property];
      if (primitive && value !== undefined && value !== null && typeof value !== primitive) return false;
      if (!conditions.every((c) => c(object, value))) continue;
      for (const { metadata, validate } of rules) {
        if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
        if (validate(value, { targetName, property, object, value, constraints: metadata.constraints }) !== true) return false;
      }
    }
    return true;
  };
}
