import type { ServiceDefinition } from '@seatkeeper/platform-service';
import { AppModule } from './app.module';
import { CredentialVaultEnv } from './config/credential-vault.env';
import { ormConfig } from './mikro-orm.config';

/** How the credential-vault binary boots, migrates and is started by tests. */
export const credentialVaultService: ServiceDefinition<CredentialVaultEnv> = {
  name: 'credential-vault',
  env: CredentialVaultEnv,
  orm: ormConfig,
  module: (env) => AppModule.forRoot(env),
};
