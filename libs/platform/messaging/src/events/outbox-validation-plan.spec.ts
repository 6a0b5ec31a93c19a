import { defineEvent } from '@seatkeeper/contracts';
import { eventsToValidate } from './outbox-validation-plan';

class APayload {
  id!: string;
  name!: string | null;
}
class BPayload {
  id!: string;
}
const A = defineEvent('test.plan.a.v1', APayload);
const B = defineEvent('test.plan.b.v1', BPayload);

describe('eventsToValidate', () => {
  it('validates the first event of each type and shape, not its 199 twins', () => {
    const events = [
      ...Array.from({ length: 100 }, (_, i) => ({ definition: A, data: { id: `a${i}`, name: `n${i}` } })),
      ...Array.from({ length: 100 }, (_, i) => ({ definition: B, data: { id: `b${i}` } })),
    ];
    const chosen = eventsToValidate(events);
    expect(chosen.map((e) => e.data)).toEqual([{ id: 'a0', name: 'n0' }, { id: 'b0' }]);
  });

  it('validates in full every event whose keys or value types differ from those seen', () => {
    const events = [
      { definition: A, data: { id: '1', name: 'x' } },
      { definition: A, data: { id: '2', name: null } }, // null where a string was
      { definition: A, data: { id: '3', name: 3 } }, // number where a string was
      { definition: A, data: { id: '4' } }, // a field missing
      { definition: A, data: { id: '5', name: 'y', extra: true } }, // a field too many
      { definition: A, data: { name: 'z', id: '6' } }, // same shape, keys in another order
    ] as { definition: typeof A; data: APayload }[];
    expect(eventsToValidate(events).map((e) => (e.data as { id: string }).id)).toEqual(['1', '2', '3', '4', '5']);
  });
});
