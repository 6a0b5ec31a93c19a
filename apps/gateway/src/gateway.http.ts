import { ValidationPipe, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { correlationMiddleware } from '@seatkeeper/platform-observability';
import type { GatewayEnv } from './config/gateway.env';
import { ProblemDetailsFilter } from './http/problem-details.filter';

/** The public HTTP surface: body limits, validation, problem+json, correlation ids, OpenAPI. */
export async function configureGatewayHttp(nest: INestApplication, env: GatewayEnv): Promise<number> {
  const app = nest as NestExpressApplication;
  app.useBodyParser('json', { limit: '1mb' });
  app.use(correlationMiddleware);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.disable('x-powered-by');
  if (env.CORS_ORIGINS) app.enableCors({ origin: env.CORS_ORIGINS.split(',') });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Seatkeeper API').setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  return env.HTTP_PORT;
}
