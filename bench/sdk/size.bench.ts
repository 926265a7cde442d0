// The SDK's size, as a browser downloads it: builds the package (libs/sdk/build.mjs) and
// measures the minified browser build, raw and gzipped (level 9), and the Node build.
//
//   npx node -r @swc-node/register bench/sdk/size.bench.ts
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { reportResult } from '../harness/report-result';

const root = path.resolve(__dirname, '../..');
const build = spawnSync(process.execPath, [path.join(root, 'libs/sdk/build.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) throw new Error('the SDK build failed');

const sizes = (file: string) => {
  const bytes = readFileSync(path.join(root, 'dist/libs/sdk', file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const browser = sizes('index.mjs');
const node = sizes('node.mjs');
console.log(`browser build: ${browser.raw} B minified, ${browser.gzip} B gzipped (budget 6,144 B)`);
console.log(`node build:    ${node.raw} B minified, ${node.gzip} B gzipped`);
reportResult({
  sdk_browser_min_bytes: browser.raw,
  sdk_browser_gzip_bytes: browser.gzip,
  sdk_node_gzip_bytes: node.gzip,
});
