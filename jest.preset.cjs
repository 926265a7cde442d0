// Shared Jest settings: ts-jest in transpile-only mode (type errors are the
// `typecheck` target's job) and the tsconfig path aliases mapped to sources.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias}$`,
    path.join(__dirname, target),
  ]),
);

module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.spec.json') }],
  },
  moduleNameMapper,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  globalSetup: path.join(__dirname, 'tools/jest/global-setup.cjs'),
  globalTeardown: path.join(__dirname, 'tools/jest/global-teardown.cjs'),
};
