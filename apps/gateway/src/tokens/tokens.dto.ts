import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../auth/role';

export class CreateTokenDto {
  @ApiProperty({ description: 'What the token is for, e.g. "ci-pipeline"', minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^[^\p{Cc}]+$/u, { message: 'name must not contain control characters' })
  name!: string;

  @ApiProperty({ enum: ROLES, description: 'admin: everything; operator: run syncs and workflows; viewer: read' })
  @IsIn(ROLES)
  role!: Role;
}

export class TokenDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ description: 'skp_ and the first 4 characters, to recognise the token' }) token_prefix!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The token that created it' }) created_by!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) last_used_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revoked_at!: string | null;
}

export class CreatedTokenDto extends TokenDto {
  @ApiProperty({ description: 'The secret. Shown this once: it is stored only as a hash.' })
  token!: string;
}

export class CurrentTokenDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
}

