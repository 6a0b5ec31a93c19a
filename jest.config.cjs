// `npm test` runs this: every project's unit and integration tests in one jest run.
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

function projectConfigs(dir, depth) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const here = join(dir, d.name);
      const config = join(here, 'jest.config.cjs');
      if (existsSync(config)) return [config];
      return depth > 1 ? projectConfigs(here, depth - 1) : [];
    });
}

module.exports = {
  projects: [
    ...projectConfigs(join(__dirname, 'apps'), 1),
    ...projectConfigs(join(__dirname, 'libs'), 2),
    ...projectConfigs(join(__dirname, 'tools'), 1),
  ],
  // Integration tests wait on real Postgres and NATS; each wait inside has its own, shorter bound.
  testTimeout: 60_000,
  globalSetup: '<rootDir>/tools/test/global-setup.cjs',
  globalTeardown: '<rootDir>/tools/test/global-teardown.cjs',
};
