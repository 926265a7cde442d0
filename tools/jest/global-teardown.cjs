const path = require('node:path');

module.exports = async function globalTeardown() {
  if (globalThis.__FERRETDB__) {
    await globalThis.__FERRETDB__.stop();
    const { dropPostgresDatabase } = await import(path.join(__dirname, '../scripts/ferretdb.mjs'));
    dropPostgresDatabase(`ferretdb_jest_${process.pid}`);
  }
};
