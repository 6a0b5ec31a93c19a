#!/usr/bin/env node
// The `seatkeeper` admin CLI, run from source (no build step, like the services under `npm start`).
require('@swc-node/register');
require('../src/main.ts');
