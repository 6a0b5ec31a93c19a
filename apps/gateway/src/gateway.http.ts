import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { correlationMiddleware } from '@seatkeeper/platform-observability';
import { auditMiddleware } from './audit/audit.middleware';
import { ApiTokenService } from './auth/api-token.service';
import { earlyAuthentication, parseBodyOf } from './auth/early-authentication';
import { RateLimiter } from './auth/rate-limiter';
import { AuditLogService } from './audit/audit-log.service';
import type { GatewayEnv } from './config/gateway.env';
import { bodyParserErrors } from './http/body-errors';
import { answerClientError } from './http/client-errors';
import { bodyRules } from './http/body-rules';
import { consoleDir, serveConsole } from './http/console-static';
import { buildOpenApiDocument } from './http/openapi';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { requestIdMiddleware } from './http/request-id';
import { securityHeaders } from './http/security-headers';
import { gatewayValidationPipe } from './http/validation';

export const JSON_BODY_LIMIT = '1mb';

/** The public HTTP surface: request id, security headers, audit, body limits, validation, problem+json, OpenAPI. */
export async function configureGatewayHttp(nest: INestApplication, env: GatewayEnv): Promise<number> {
  const app = nest as NestExpressApplication;
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(securityHeaders());
  app.use(auditMiddleware(app.get(AuditLogService)));
  // Authenticate and count before the body is read (the guard enforces with the route's roles).
  app.use(earlyAuthentication(app.get(ApiTokenService), app.get(RateLimiter)));
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT, type: parseBodyOf });
  app.use(bodyParserErrors);
  app.use(bodyRules);
  app.use(correlationMiddleware);
  app.useGlobalPipes(gatewayValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  // CORS is off unless origins are configured: the API is for scripts and the CLI, not browsers.
  if (env.CORS_ORIGINS) app.enableCors({ origin: env.CORS_ORIGINS.split(',').map((o) => o.trim()) });
  app.getHttpServer().on('clientError', answerClientError);
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  // The admin console: static files on the same origin as the API it calls (no CORS needed).
  serveConsole(app, consoleDir(env.CONSOLE_DIST_DIR));
  return env.HTTP_PORT;
}
