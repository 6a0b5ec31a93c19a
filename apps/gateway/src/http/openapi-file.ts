import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadEnv } from '@seatkeeper/platform-config';
import { resolve } from 'node:path';
import { AppModule } from '../app.module';
import { GatewayEnv } from '../config/gateway.env';
import { buildOpenApiDocument } from './openapi';

/** The committed document (CI compares it with what the generator makes). */
export const GATEWAY_OPENAPI_PATH = resolve(__dirname, '..', '..', 'openapi.json');

/**
 * The gateway's OpenAPI document as committed text. Nest runs in preview mode: the module graph
 * is built but no provider is instantiated, so no database or NATS is needed.
 */
export async function generateGatewayOpenApi(): Promise<string> {
  const env = loadEnv(GatewayEnv, {});
  const app = await NestFactory.create<INestApplication>(AppModule.forRoot(env), { preview: true, logger: false, abortOnError: false });
  try {
    return `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
