import { canonicalJson, requestHash } from './request-hash';

describe('request-hash', () => {
  it('ignores key order but not values, method or path', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    const h = requestHash('POST', '/x', { a: 1, b: 2 });
    expect(requestHash('POST', '/x', { b: 2, a: 1 })).toBe(h);
    expect(requestHash('POST', '/x', { a: 1, b: 3 })).not.toBe(h);
    expect(requestHash('POST', '/y', { a: 1, b: 2 })).not.toBe(h);
  });
});
