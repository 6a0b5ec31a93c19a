import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The OpenAPI document of the gateway, built from the controllers and DTOs (served and committed). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Seatkeeper API')
    .setDescription(
      'The admin REST API of Seatkeeper. Bearer API tokens (`skp_…`) with roles viewer < operator < admin. ' +
        'Errors are RFC 9457 application/problem+json with a stable `code`. Lists take `limit` and `cursor` and ' +
        'answer `{ data, next_cursor }`. POST accepts an `Idempotency-Key` header.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'skp_ API token' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  return sortKeys(document) as OpenAPIObject;
}

/** Deterministic key order, so the committed file only changes when the API does. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
