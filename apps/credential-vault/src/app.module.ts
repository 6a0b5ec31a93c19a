import { Module, type DynamicModule } from '@nestjs/common';
import { ALL_EVENTS } from '@seatkeeper/contracts';
import { streamsFor } from '@seatkeeper/platform-messaging';
import { serviceModule } from '@seatkeeper/platform-service';
import { AccessLogHandler } from './access-log/access-log.handler';
import { Clock } from './clock';
import type { CredentialVaultEnv } from './config/credential-vault.env';
import { CredentialTestService } from './credential-test/credential-test.service';
import { MasterKeyRing } from './crypto/master-key-ring';
import { CredentialsHandler } from './credentials/credentials.handler';
import { CredentialsService } from './credentials/credentials.service';
import { KeyRingService } from './keys/key-ring.service';
import { KeysHandler } from './keys/keys.handler';
import { ormConfig } from './mikro-orm.config';
import { OAuthTokenCache } from './resolve/oauth-token.cache';
import { OAuthTokenClient } from './resolve/oauth-token.client';
import { TokenEgress } from './resolve/token-egress';
import { ResolveHandler } from './resolve/resolve.handler';
import { ResolveService } from './resolve/resolve.service';
import { VAULT_ENV } from './vault-env.token';

@Module({})
export class AppModule {
  static forRoot(env: CredentialVaultEnv): DynamicModule {
    return serviceModule(AppModule, {
      name: 'credential-vault',
      env,
      orm: ormConfig(env),
      streams: streamsFor(ALL_EVENTS, ['vault']),
      imports: [],
      providers: [
        { provide: VAULT_ENV, useValue: env },
        { provide: MasterKeyRing, useFactory: () => new MasterKeyRing({ inline: env.VAULT_MASTER_KEYS, file: env.VAULT_MASTER_KEYS_FILE }) },
        Clock,
        KeyRingService,
        CredentialsService,
        CredentialTestService,
        OAuthTokenClient,
        TokenEgress,
        OAuthTokenCache,
        ResolveService,
        CredentialsHandler,
        ResolveHandler,
        AccessLogHandler,
        KeysHandler,
      ],
    });
  }
}
