module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'sdk',
  rootDir: __dirname,
  // A fake clock and a fake transport: no server to start.
  globalSetup: undefined,
  globalTeardown: undefined,
};
