import { Module, type DynamicModule } from '@nestjs/common';
import { ALL_EVENTS } from '@seatkeeper/contracts';
import { streamsFor } from '@seatkeeper/platform-messaging';
import { serviceModule } from '@seatkeeper/platform-service';
import type { CredentialVaultEnv } from './config/credential-vault.env';
import { ormConfig } from './mikro-orm.config';

@Module({})
export class AppModule {
  static forRoot(env: CredentialVaultEnv): DynamicModule {
    return serviceModule(AppModule, {
      name: 'credential-vault',
      env,
      orm: ormConfig(env),
      streams: streamsFor(ALL_EVENTS, ['vault']),
      imports: [],
    });
  }
}
