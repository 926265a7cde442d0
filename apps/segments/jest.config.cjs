module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'segments',
  rootDir: __dirname,
};
