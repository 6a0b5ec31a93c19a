import { OpaqueJson } from '@seatkeeper/contracts';
import { IsArray, IsBoolean, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { validateAgainst, validateSyncAgainst } from './validation';

class Flags {
  @IsOptional() @IsBoolean() teams?: boolean;
  @IsOptional() @IsBoolean() licence?: boolean;
}

class Update {
  @IsString() id!: string;
  @IsOptional() @IsString() name?: string;
  @IsOptional() @ValidateNested() @Type(() => Flags) extras?: Flags;
}

class Page {
  @IsString() run!: string;
  @IsArray() @IsObject({ each: true }) @OpaqueJson() records!: Record<string, unknown>[];
}

describe(validateAgainst.name, () => {
  it('hands over only the fields that were sent, so merging a partial update keeps the rest', async () => {
    const checked = await validateAgainst(Update, { id: 'i1', extras: { teams: true } });
    expect(checked.ok).toBe(true);
    const value = (checked as { value: Update }).value;
    expect(Object.keys(value)).toEqual(['id', 'extras']);
    expect({ ...{ teams: false, licence: true }, ...value.extras }).toEqual({ teams: true, licence: true });
    const synced = validateSyncAgainst(Update, { id: 'i2' });
    expect(synced.ok && Object.prototype.hasOwnProperty.call(synced.value, 'name')).toBe(false);
  });

  it('names the offending nested field', async () => {
    const checked = await validateAgainst(Update, { id: 'i1', extras: { teams: 'yes' } });
    expect(checked).toMatchObject({ ok: false, problems: [{ field: 'extras.teams' }] });
  });
});

describe('an @OpaqueJson() field', () => {
  it('is handed over as sent (not a copy, undefined values untouched) and still checked by its constraints', () => {
    const records = [{ id: 'P1', nested: { deep: [1, 2], gone: undefined } }];
    const checked = validateSyncAgainst(Page, { run: 'r1', records });
    expect(checked.ok).toBe(true);
    const value = (checked as { value: Page }).value;
    expect(value).toBeInstanceOf(Page);
    expect(value.records).toBe(records);
    expect(Object.keys(records[0]?.nested as object)).toEqual(['deep', 'gone']);
    expect(validateSyncAgainst(Page, { run: 'r1', records: [{ id: 'P1' }, 'not an object'] })).toMatchObject({ ok: false, problems: [{ field: 'records' }] });
    expect(validateSyncAgainst(Page, { run: 7, records })).toMatchObject({ ok: false, problems: [{ field: 'run' }] });
  });
});
