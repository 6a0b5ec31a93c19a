/**
 * Every HTTP route of the gateway must say who may call it: a @Roles(...) / @UseGuards(...) on
 * the method or its controller, or an explicit @Public(). A route with none of them fails lint.
 */
const HTTP_METHODS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options']);
const GUARDS = new Set(['Roles', 'UseGuards', 'Public']);

function decoratorName(d) {
  const e = d.expression;
  if (e.type === 'CallExpression') return e.callee.type === 'Identifier' ? e.callee.name : e.callee.property?.name;
  return e.type === 'Identifier' ? e.name : undefined;
}

export default {
  meta: { type: 'problem', messages: { unguarded: 'Route {{name}} has no @Roles, @UseGuards or @Public: every gateway route must be guarded.' }, schema: [] },
  create(context) {
    const file = context.filename ?? context.getFilename();
    if (!/apps[\\/]gateway[\\/]/.test(file) || !file.endsWith('.controller.ts')) return {};
    return {
      ClassDeclaration(cls) {
        const classGuarded = (cls.decorators ?? []).some((d) => GUARDS.has(decoratorName(d)));
        for (const member of cls.body.body) {
          if (member.type !== 'MethodDefinition') continue;
          const names = (member.decorators ?? []).map(decoratorName);
          if (!names.some((n) => HTTP_METHODS.has(n))) continue;
          if (classGuarded || names.some((n) => GUARDS.has(n))) continue;
          context.report({ node: member, messageId: 'unguarded', data: { name: member.key.name ?? '?' } });
        }
      },
    };
  },
};
