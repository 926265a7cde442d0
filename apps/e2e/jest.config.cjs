// End-to-end suites: the built services run as separate processes, exactly as
// `npm start` runs them, and the tests talk HTTP to the gateway only.
const path = require('node:path');

module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'e2e',
  rootDir: __dirname,
  globalSetup: path.join(__dirname, 'support/global-setup.cjs'),
  globalTeardown: path.join(__dirname, 'support/global-teardown.cjs'),
  testTimeout: 30_000,
  setupFilesAfterEnv: [path.join(__dirname, 'support/test-timeout.cjs')],
};
