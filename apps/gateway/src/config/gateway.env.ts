import { Secret, ServiceEnv, WithPublicHttp } from '@seatkeeper/platform-config';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** The gateway service's environment: the shared bases plus the public HTTP surface; fails fast at boot. */
export class GatewayEnv extends WithPublicHttp(ServiceEnv) {
  override INTERNAL_PORT = 9100;

  /**
   * An admin token to accept from the first boot (e.g. from a Kubernetes secret). It is stored as
   * a hash on boot unless already known; revoking it through the API is permanent.
   */
  @Secret()
  @IsOptional()
  @IsString()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @Matches(/^skp_[0-9A-Za-z]{49}$/, {
    message: 'GATEWAY_BOOTSTRAP_ADMIN_TOKEN must be a token made by the gateway (skp_ + 49 letters/digits)',
  })
  GATEWAY_BOOTSTRAP_ADMIN_TOKEN?: string;

  /** Requests per minute one token (or, without a token, one IP) may make. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  GATEWAY_RATE_LIMIT_PER_MINUTE = 600;

  /** The console's build (`npm run build`); default `dist/apps/console` under the working directory. Not built: `/` serves nothing. */
  @IsOptional()
  @IsString()
  CONSOLE_DIST_DIR?: string;
}
