module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'segment-engine',
  rootDir: __dirname,
};
