import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApiDocument } from './asyncapi-document';

/** Writes docs/asyncapi.yaml from the contracts. */
const target = join(__dirname, '..', '..', '..', 'docs', 'asyncapi.yaml');
writeFileSync(target, buildAsyncApiDocument());
console.log(`wrote ${target}`);
