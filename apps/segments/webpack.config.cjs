// Two entry points: the bus consumer (main) and the membership read model's worker (worker).
module.exports = require('../../tools/webpack/service.config.cjs')('segments', [
  { entryName: 'worker', entryPath: './src/worker.ts' },
]);
