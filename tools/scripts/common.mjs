// Shared by `npm start` and `npm test`: install what is missing, run commands
// with the project's Node 24 (node_modules/.bin first on PATH).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binDir = path.join(workspaceRoot, 'node_modules', '.bin');

export const projectEnv = (extra = {}) => ({
  ...process.env,
  PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  SCARF_ANALYTICS: 'false',
  ...extra,
});

export function log(message) {
  process.stdout.write(`\u001b[36m▸ ${message}\u001b[0m\n`);
}

/** Runs a command to completion; throws when it fails. */
export function runOrThrow(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: workspaceRoot,
    stdio: 'inherit',
    env: projectEnv(options.env),
  });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
  }
}

/** Runs a command and resolves with its exit code (stdio inherited). */
export function runForCode(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: workspaceRoot,
      stdio: 'inherit',
      env: projectEnv(options.env),
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** `npm ci` when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = path.join(workspaceRoot, 'node_modules', '.package-lock.json');
  const lock = path.join(workspaceRoot, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log('Installing dependencies (npm ci)…');
  runOrThrow('npm', ['ci', '--no-audit', '--no-fund']);
}

/**
 * Debian's Chromium for the browser suites (playwright-core drives it; browser downloads are
 * impossible on these machines): installed with apt-get when /usr/bin/chromium is missing.
 */
export function ensureChromium() {
  const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(executable)) return;
  log('Installing Chromium (apt-get install chromium)…');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (args) => {
    const [command, ...rest] = [...sudo, 'apt-get', ...args];
    runOrThrow(command, rest, { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  };
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', 'chromium']);
}
