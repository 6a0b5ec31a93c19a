import { IsEmail, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** The state of one person in the directory after the change the event reports. */
export class PersonSnapshot {
  @IsUUID()
  personId!: string;

  @IsEmail()
  @MaxLength(320)
  email!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  fullName?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  employmentStatus?: string | null;

  /** Field → new value for the fields this change touched (empty on creation). */
  @IsOptional()
  @IsObject()
  changed?: Record<string, unknown>;
}
