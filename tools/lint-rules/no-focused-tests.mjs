/** `.only` hides the rest of the suite; `.skip` without a reason hides a failure. */
export default {
  meta: { type: 'problem', messages: { focused: 'Focused test ({{name}}.only) would hide the rest of the suite.' }, schema: [] },
  create(context) {
    return {
      'CallExpression > MemberExpression[property.name="only"]'(node) {
        const object = node.object;
        const name = object.type === 'Identifier' ? object.name : object.type === 'MemberExpression' ? object.object.name : '';
        if (['it', 'test', 'describe', 'fit', 'fdescribe'].includes(name)) {
          context.report({ node, messageId: 'focused', data: { name } });
        }
      },
    };
  },
};
