// One Jest run over every project, so `npm test` ends with a single summary.
module.exports = {
  projects: ['<rootDir>/apps/*/jest.config.cjs', '<rootDir>/libs/*/*/jest.config.cjs'],
};
