// `npm test`: install, quality gates (typecheck, lint with module boundaries,
// Prettier), then every project's tests in one Jest run against a fresh
// FerretDB and the machine's Redis and RabbitMQ.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureChromium, ensureDependencies, log, runForCode, runOrThrow } from './common.mjs';

async function main() {
  ensureDependencies();
  ensureChromium();
  const { startFerretDb, ensureFerretDbBinary, dropPostgresDatabase } =
    await import('./ferretdb.mjs');
  ensureFerretDbBinary(log);

  log('Quality gates: typecheck, lint, format');
  runOrThrow('nx', [
    'run-many',
    '-t',
    'typecheck',
    'lint',
    '--output-style=stream-without-prefixes',
  ]);
  runOrThrow('tsc', ['-p', 'bench/tsconfig.json']);
  runOrThrow('eslint', ['tools', 'bench']);
  runOrThrow('prettier', ['--check', '.']);

  const extraArgs = process.argv.slice(2);
  // The dashboard's component tests run in Vitest (jsdom), every other project in Jest: a path
  // under apps/dashboard goes to Vitest, anything else to Jest; no argument runs both.
  const isDashboardArg = (arg) => arg.replace(/^\.\//, '').startsWith('apps/dashboard');
  const vitestArgs = extraArgs.filter(isDashboardArg);
  const jestArgs = extraArgs.filter((arg) => !isDashboardArg(arg));
  const runVitest = extraArgs.length === 0 || vitestArgs.length > 0;
  const runJest = extraArgs.length === 0 || jestArgs.length > 0;
  let vitestCode = 0;
  if (runVitest) {
    log('Dashboard tests (Vitest)');
    const filters = vitestArgs
      .map((arg) => arg.replace(/^(\.\/)?apps\/dashboard\/?/, ''))
      .filter((filter) => filter !== '');
    vitestCode = await runForCode('vitest', [
      'run',
      '--config',
      'apps/dashboard/vite.config.mts',
      ...filters,
    ]);
    if (!runJest) process.exit(vitestCode);
  }
  let ferret;
  let dataDir;
  let postgresDatabase;
  const env = {};
  if (!process.env.MONGODB_URI) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ferretdb-test-'));
    postgresDatabase = `ferretdb_test_${process.pid}`;
    ferret = await startFerretDb({ dataDir, postgresDatabase, log });
    env.MONGODB_URI = ferret.uri;
    log(`FerretDB for the tests at ${ferret.uri}, ${ferret.backend}`);
  }
  log('Tests');
  const code = await runForCode('jest', ['--maxWorkers=2', ...jestArgs], { env });
  if (ferret) await ferret.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (postgresDatabase) dropPostgresDatabase(postgresDatabase);
  process.exit(code !== 0 ? code : vitestCode);
}

main().catch((error) => {
  process.stderr.write(`npm test failed: ${error.message}\n`);
  process.exit(1);
});
