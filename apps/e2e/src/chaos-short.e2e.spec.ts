// The short fault suite (`npm run chaos -- --short`): the whole system as processes of its
// own (its own FerretDB and Redis), SIGKILL of the gateway and of the users service during a
// sustained ingestion. Every accepted message must be applied once: none lost, none twice.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

interface ChaosRow {
  fault: string;
  accepted: number;
  lost: number;
  twice: number;
  recoveryMs: number;
}

it('loses nothing and applies nothing twice when the gateway or the users service is killed', async () => {
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      path.join(root, 'node_modules/.bin/node'),
      ['-r', '@swc-node/register', 'bench/chaos/chaos.ts', '--short'],
      {
        cwd: root,
        // dist/ was built by the e2e set-up.
        env: { ...process.env, BENCH_SKIP_BUILD: '1', SWC_NODE_PROJECT: 'tsconfig.base.json' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(text));
  });
  const line = output.split('\n').find((l) => l.startsWith('CHAOS_RESULT '));
  if (!line) throw new Error(`no CHAOS_RESULT in:\n${output.slice(-3000)}`);
  const rows = JSON.parse(line.slice('CHAOS_RESULT '.length)) as ChaosRow[];
  expect(rows.map((row) => row.fault)).toEqual(['SIGKILL gateway', 'SIGKILL users']);
  for (const row of rows) {
    expect({ fault: row.fault, lost: row.lost, twice: row.twice }).toEqual({
      fault: row.fault,
      lost: 0,
      twice: 0,
    });
    expect(row.accepted).toBeGreaterThan(0);
    expect(row.recoveryMs).toBeGreaterThan(0);
  }
}, 600_000);
