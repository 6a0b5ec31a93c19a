module.exports = {
  displayName: 'connector-pagerduty',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    '<rootDir>/test/**/*.integration-spec.ts',
  ],
};
