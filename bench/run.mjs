// `npm run bench [-- --small] [--repeats N] [--only id,id]`: runs every scenario of
// bench/scenarios.json N times (default 3), prints one table with min / median / max
// of each figure, checks the goals, and writes bench/results/<timestamp>.{json,md}
// plus one SVG chart per scenario. Ratios against peers are measured in the same run.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChart } from './harness/chart.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const small = args.includes('--small');
const repeats = Number(valueOf('--repeats') ?? (small ? 1 : 3));
const only = valueOf('--only')?.split(',');
const { scenarios } = JSON.parse(readFileSync(path.join(root, 'bench/scenarios.json'), 'utf8'));

function valueOf(flag) {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
}

function runOnce(scenario) {
  return new Promise((resolve) => {
    const [command, ...commandArgs] = scenario.command;
    const child = spawn(command, commandArgs, {
      cwd: root,
      env: {
        ...process.env,
        PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`,
        // @swc-node/register: decorators and path aliases as in the apps.
        SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json'),
        ...(small ? { BENCH_SIZE: 'small', ...(scenario.smallEnv ?? {}) } : {}),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('exit', (code) => {
      const line = output.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code !== 0 || !line)
        return resolve({ error: `exit ${code}${line ? '' : ', no BENCH_RESULT line'}` });
      resolve(JSON.parse(line.slice('BENCH_RESULT '.length)));
    });
  });
}

const spread = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0],
    median: sorted[Math.floor(sorted.length / 2)],
    max: sorted.at(-1),
    runs: values,
  };
};

const results = [];
for (const scenario of scenarios) {
  if (only && !only.includes(scenario.id)) continue;
  process.stdout.write(`\n=== ${scenario.id}: ${scenario.title}\n`);
  const runs = [];
  for (let i = 0; i < repeats; i++) runs.push(await runOnce(scenario));
  const ok = runs.filter((r) => !r.error);
  const metrics = {};
  for (const name of Object.keys(ok[0]?.metrics ?? {})) {
    metrics[name] = spread(ok.map((r) => r.metrics[name]));
  }
  const goals = (scenario.goals ?? []).map((goal) => {
    const median = metrics[goal.metric]?.median;
    const met =
      median !== undefined && (goal.op === '<=' ? median <= goal.value : median >= goal.value);
    return { ...goal, median, met };
  });
  results.push({
    id: scenario.id,
    title: scenario.title,
    errors: runs.filter((r) => r.error).map((r) => r.error),
    metrics,
    goals,
    notes: ok[0]?.notes ?? {},
    charts: scenario.charts,
  });
}

const fmt = (n) => (n === undefined ? '—' : Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3));
const machine = {
  cpu: os.cpus()[0]?.model,
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const lines = [
  `# Benchmark results ${stamp}`,
  '',
  `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}. ` +
    `${small ? 'Small dataset' : 'Full size'}, ${repeats} run(s) per scenario; figures are min / median / max.`,
  '',
  '| scenario | figure | min | median | max |',
  '| --- | --- | --- | --- | --- |',
];
for (const result of results) {
  for (const [name, s] of Object.entries(result.metrics)) {
    lines.push(`| ${result.id} | ${name} | ${fmt(s.min)} | ${fmt(s.median)} | ${fmt(s.max)} |`);
  }
  for (const error of result.errors) lines.push(`| ${result.id} | ERROR | ${error} | | |`);
}
lines.push('', '| scenario | goal | median | met |', '| --- | --- | --- | --- |');
for (const result of results) {
  for (const goal of result.goals) {
    lines.push(
      `| ${result.id} | ${goal.label} | ${fmt(goal.median)} | ${goal.met ? 'yes' : 'NO'} |`,
    );
  }
}
const markdown = `${lines.join('\n')}\n`;
const outDir = path.join(root, 'bench/results');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  path.join(outDir, `${stamp}.json`),
  JSON.stringify({ machine, small, repeats, results }, null, 2),
);
writeFileSync(path.join(outDir, `${stamp}.md`), markdown);
writeFileSync(path.join(outDir, 'latest.md'), markdown);
for (const result of results) {
  if (Object.keys(result.metrics).length === 0) continue;
  writeFileSync(path.join(outDir, `${stamp}-${result.id}.svg`), renderChart(result, result.charts));
}
process.stdout.write(`\n${markdown}\nWritten to bench/results/${stamp}.{json,md} and charts.\n`);
process.exit(results.some((r) => r.errors.length > 0) ? 1 : 0);
