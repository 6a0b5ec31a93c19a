export * from './rule.types';
export {
  OPERATOR_SPECS,
  operatorsFor,
  MAX_CONDITIONS,
  MAX_DAYS,
  MAX_DEPTH,
  MAX_LIST_LENGTH,
  type OperatorSpec,
  type ValueKind,
} from './operators';
export { checkRule, assertRule, InvalidRuleError } from './check-rule';
export { evaluate, resolveField, type EvaluateOptions } from './evaluate';
export {
  compileToSql,
  escapeLike,
  type CompileOptions,
  type CompiledSql,
} from './compile-sql';
