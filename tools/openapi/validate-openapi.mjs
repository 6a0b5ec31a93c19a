#!/usr/bin/env node
// Validates an OpenAPI document with @apidevtools/swagger-parser (ESM-only, hence a separate
// script that Jest runs as a child process): `node tools/openapi/validate-openapi.mjs <file.json>`.
import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: validate-openapi.mjs <openapi.json>\n');
  process.exit(2);
}
try {
  const api = await SwaggerParser.validate(JSON.parse(readFileSync(file, 'utf8')));
  process.stdout.write(`${JSON.stringify({ valid: true, openapi: api.openapi, paths: Object.keys(api.paths ?? {}).length })}\n`);
} catch (e) {
  process.stdout.write(`${JSON.stringify({ valid: false, error: e.message })}\n`);
  process.exit(1);
}
