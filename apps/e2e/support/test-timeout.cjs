// `testTimeout` in a project's Jest config is ignored when Jest runs several projects
// (`npm test`), which left the e2e suites at Jest's 5 s there: set it per test file instead.
require('@jest/globals').jest.setTimeout(30_000);
