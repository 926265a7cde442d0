module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'profile-store',
  rootDir: __dirname,
};
