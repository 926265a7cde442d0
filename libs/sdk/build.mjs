// Builds the publishable package into dist/libs/sdk: ESM and CommonJS for the browser entry
// and the Node entry (minified), type declarations (tsc; the SDK's types are plain, so they
// depend on nothing: src/core/wire-check.ts holds them to the HTTP shapes at compile time and
// is left out), its package.json and README.
// Prints the browser build's minified and gzipped size (budget: 6 KB gzipped).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';

const root = path.resolve(import.meta.dirname, '../..');
const out = path.join(root, 'dist/libs/sdk');
const entries = {
  index: path.join(import.meta.dirname, 'src/browser/index.ts'),
  node: path.join(import.meta.dirname, 'src/node/index.ts'),
};
const tsconfig = path.join(import.meta.dirname, 'tsconfig.build.json');
const BUDGET_BYTES = 6 * 1024;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

for (const [name, input] of Object.entries(entries)) {
  const bundle = await rolldown({
    input,
    platform: name === 'node' ? 'node' : 'browser',
    tsconfig,
  });
  await bundle.write({ file: path.join(out, `${name}.mjs`), format: 'esm', minify: true });
  await bundle.write({ file: path.join(out, `${name}.cjs`), format: 'cjs', minify: true });
  await bundle.close();
}

const tsc = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/typescript/bin/tsc'),
    '-p',
    tsconfig,
    '--outDir',
    path.join(out, 'types'),
  ],
  { stdio: 'inherit' },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
writeFileSync(path.join(out, 'index.d.ts'), "export * from './types/browser/index';\n");
writeFileSync(path.join(out, 'node.d.ts'), "export * from './types/node/index';\n");

copyFileSync(path.join(import.meta.dirname, 'package.json'), path.join(out, 'package.json'));
copyFileSync(path.join(import.meta.dirname, 'README.md'), path.join(out, 'README.md'));

const browser = readFileSync(path.join(out, 'index.mjs'));
const gzipped = gzipSync(browser, { level: 9 }).length;
console.log(
  `@segplatform/sdk → ${path.relative(root, out)}: browser build ${browser.length} B minified, ${gzipped} B gzipped (budget ${BUDGET_BYTES} B)`,
);
if (gzipped > BUDGET_BYTES) {
  console.error(`the browser build is over its budget of ${BUDGET_BYTES} B gzipped`);
  process.exit(1);
}
