import { IsInt, IsString, Matches, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../../define-event';

/** The vault's master key was rotated: every data key is now wrapped by `toVersion`; `fromVersions` are retired. */
export class VaultKeyRingRotatedPayload {
  @Matches(/^v[0-9]{1,6}$/)
  toVersion!: string;

  @Matches(/^v[0-9]{1,6}$/, { each: true })
  fromVersions!: string[];

  /** Data keys rewrapped. */
  @IsInt()
  @Min(0)
  rewrapped!: number;

  @IsString()
  @MaxLength(200)
  actor!: string;
}

export const VaultKeyRingRotatedV1 = defineEvent('vault.key-ring.rotated.v1', VaultKeyRingRotatedPayload);
