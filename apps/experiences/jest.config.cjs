module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'experiences',
  rootDir: __dirname,
};
