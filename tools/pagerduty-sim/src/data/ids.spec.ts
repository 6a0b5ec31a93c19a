import fc from 'fast-check';
import { IdKind, MAX_INDEX, decodeId, encodeId } from './ids';

describe('PagerDuty-style IDs', () => {
  it('look like PagerDuty IDs and decode back to their index', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: MAX_INDEX }), (seed, index) => {
        const id = encodeId(seed, IdKind.user, index);
        expect(id).toMatch(/^P[A-Z2-7]{6}$/);
        expect(decodeId(seed, IdKind.user, id)).toBe(index);
      }),
    );
  });

  it('never collide across kinds, and an ID of one kind does not decode as another', () => {
    const seen = new Set<string>();
    for (const kind of Object.values(IdKind)) {
      for (let i = 0; i < 2000; i++) seen.add(encodeId(42, kind, i));
    }
    expect(seen.size).toBe(Object.values(IdKind).length * 2000);
    expect(decodeId(42, IdKind.team, encodeId(42, IdKind.user, 5))).toBe(-1);
  });

  it('rejects strings that are not IDs', () => {
    for (const s of ['', 'PABC', 'XABCDEF', 'Pabcdef', 'P000000', 'PABCDEFG']) expect(decodeId(1, IdKind.user, s)).toBe(-1);
  });
});
