import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { serviceModule } from '@seatkeeper/platform-service';
import { AuditLogController } from './audit/audit-log.controller';
import { AuditLogService } from './audit/audit-log.service';
import { AuditTargetInterceptor } from './audit/audit-target.interceptor';
import { ApiTokenGuard } from './auth/api-token.guard';
import { ApiTokenService } from './auth/api-token.service';
import { BootstrapAdminToken } from './auth/bootstrap-token';
import { RateLimiter } from './auth/rate-limiter';
import { GatewayEnv } from './config/gateway.env';
import { CredentialsModule } from './credentials/credentials.module';
import { DirectoryModule } from './directory/directory.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { MappingsModule } from './mappings/mappings.module';
import { ReportingModule } from './reporting/reporting.module';
import { WorkflowsModule } from './workflows/workflows.module';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { ormConfig } from './mikro-orm.config';
import { SystemStatusController } from './system/system-status.controller';
import { SystemStatusService } from './system/system-status.service';
import { TokensController } from './tokens/tokens.controller';

@Module({})
export class AppModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    return serviceModule(AppModule, {
      name: 'gateway',
      env,
      orm: ormConfig(env),
      streams: [],
      // Feature route modules (credentials, integrations, directory, mappings) are listed here.
      imports: [DiscoveryModule, CredentialsModule, IntegrationsModule, MappingsModule, DirectoryModule, ReportingModule, WorkflowsModule],
      controllers: [SystemStatusController, TokensController, AuditLogController],
      providers: [
        { provide: GatewayEnv, useValue: env },
        { provide: RateLimiter, useValue: new RateLimiter(env.GATEWAY_RATE_LIMIT_PER_MINUTE) },
        ApiTokenService,
        BootstrapAdminToken,
        AuditLogService,
        IdempotencyStore,
        SystemStatusService,
        // Order matters: the guard authenticates first; then the audit target and idempotency interceptors run.
        { provide: APP_GUARD, useClass: ApiTokenGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditTargetInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    });
  }
}
