import { IsBoolean, IsOptional, IsString, ValidateNested } from 'class-validator';
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
