import { IsInt, IsString, MaxLength, getMetadataStorage, validateSync } from 'class-validator';
import { cacheValidationMetadataLookups } from './validation-metadata-cache';

class Base {
  @IsString() id!: string;
}
class Child extends Base {
  @IsInt() n!: number;
}
class Grouped {
  @MaxLength(3, { groups: ['strict'] }) name!: string;
}

/** Which properties fail, for a set of cases covering own and inherited rules and groups. */
function verdicts(): string[][] {
  const long = Object.assign(new Grouped(), { name: 'toolong' });
  return [
    validateSync(Object.assign(new Child(), { id: 1, n: 'x' })),
    validateSync(Object.assign(new Child(), { id: 'a', n: 2 })),
    validateSync(Object.assign(new Base(), { id: 2 })),
    validateSync(long),
    validateSync(long, { groups: ['strict'] }),
    validateSync(long, { groups: ['other'] }),
    validateSync(long, { strictGroups: true }),
  ].map((errors) => errors.map((e) => e.property).sort());
}

describe('cacheValidationMetadataLookups', () => {
  it('validates as class-validator does without it, and answers a repeated lookup from the cache', () => {
    const before = verdicts();
    expect(before[0]).toEqual(['id', 'n']);
    cacheValidationMetadataLookups();
    expect(verdicts()).toEqual(before);
    expect(verdicts()).toEqual(before); // from the cache this time

    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Child, '', false, false);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toBe(first);
    expect(first.map((m) => m.propertyName).sort()).toEqual(['id', 'n']);
    expect(storage.getTargetValidationMetadatas(Child, '', true, false)).not.toBe(first);
  });
});
