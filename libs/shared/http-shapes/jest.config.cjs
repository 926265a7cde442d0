module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'http-shapes',
  rootDir: __dirname,
  // Pure shapes: no database to start.
  globalSetup: undefined,
  globalTeardown: undefined,
};
