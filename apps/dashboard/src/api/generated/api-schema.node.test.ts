// Node-side (it runs the generator): typechecked by tsconfig.node.json, not the browser tsconfig.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const workspaceRoot = path.resolve(import.meta.dirname, '../../../../..');

describe('the generated API schema', () => {
  it('is what the gateway’s OpenAPI document generates now (else run nx run dashboard:generate-api)', async () => {
    const run = promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', 'tools/scripts/generate-dashboard-api.ts', '--check'],
      { cwd: workspaceRoot, env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' } },
    );
    await expect(run).resolves.toMatchObject({
      stdout: expect.stringContaining('up to date'),
    });
  });
});
