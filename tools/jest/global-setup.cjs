// When Jest is run directly (not through `npm test`, which starts one FerretDB
// for the whole run), start a throw-away FerretDB so integration specs can
// reach a real MongoDB-compatible server.
const path = require('node:path');
const { mkdtempSync } = require('node:fs');
const os = require('node:os');

module.exports = async function globalSetup() {
  if (process.env.MONGODB_URI) return;
  const { startFerretDb } = await import(path.join(__dirname, '../scripts/ferretdb.mjs'));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ferretdb-jest-'));
  const server = await startFerretDb({ dataDir, postgresDatabase: `ferretdb_jest_${process.pid}` });
  process.env.MONGODB_URI = server.uri;
  globalThis.__FERRETDB__ = server;
};
