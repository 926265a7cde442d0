// How many instances of each process `npm start` runs, and what each one gets.
//   npm start -- --replicas 2        every service and worker twice
//   REPLICAS=2 npm start             the same
//   REPLICAS_USERS=3 npm start       per process (name upper-cased, `-` → `_`), over the above
// Services and workers scale as competing consumers (a bus queue, a BullMQ queue) and need
// nothing shared but their ports: the first instance keeps the default ports, the others
// take free ones (HEALTH_PORT=0, logged as they start). Gateways share GATEWAY_PORT through
// SO_REUSEPORT (GATEWAY_REUSE_PORT=true: the kernel spreads connections over them); each has
// its own metrics port.

const MAX_REPLICAS = 16;

function parseCount(value, where) {
  if (value === undefined || value === '') return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > MAX_REPLICAS) {
    throw new Error(`${where} must be a whole number from 1 to ${MAX_REPLICAS} (got "${value}")`);
  }
  return count;
}

/** `--replicas N` / `--replicas=N` in argv, else REPLICAS; 1 when neither. */
export function defaultReplicas(argv, env) {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--replicas') return parseCount(argv[i + 1], '--replicas') ?? 1;
    if (arg.startsWith('--replicas=')) return parseCount(arg.slice(11), '--replicas') ?? 1;
  }
  return parseCount(env.REPLICAS, 'REPLICAS') ?? 1;
}

const envName = (name) => `REPLICAS_${name.toUpperCase().replaceAll('-', '_')}`;

/**
 * One entry per instance to start: its display name (`users`, `users-2`, …), its bundle and
 * the environment it gets on top of the shared one.
 */
export function replicaPlan(processes, argv, env) {
  const fallback = defaultReplicas(argv, env);
  const plan = [];
  for (const [name, bundle] of processes) {
    const count = parseCount(env[envName(name)], envName(name)) ?? fallback;
    for (let i = 0; i < count; i += 1) {
      const extra = {};
      if (i > 0) {
        extra.HEALTH_PORT = '0';
        if (name === 'gateway') extra.METRICS_PORT = '0';
      }
      if (name === 'gateway' && count > 1) extra.GATEWAY_REUSE_PORT = 'true';
      plan.push({ name: i === 0 ? name : `${name}-${i + 1}`, service: name, bundle, env: extra });
    }
  }
  return plan;
}
