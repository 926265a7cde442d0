// Two entry points: the bus consumer (main) and the BullMQ sync workers (worker).
module.exports = require('../../tools/webpack/service.config.cjs')('integrations', [
  { entryName: 'worker', entryPath: './src/worker.ts' },
]);
