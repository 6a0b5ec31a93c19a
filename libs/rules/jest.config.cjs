module.exports = {
  displayName: 'rules',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    '<rootDir>/test/**/*.integration-spec.ts',
  ],
};
