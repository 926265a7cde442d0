/**
 * Bus request/reply latency over the real RabbitMQ: two in-process Nest apps,
 * N sequential `users.system.ping` round trips, then N more with 16 in flight.
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json npx node -r @swc-node/register bench/bus/round-trip.bench.ts
 */
import 'reflect-metadata';
import { Controller, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  AppConfigModule,
  baseEnvSchema,
  BusClient,
  BusModule,
  busServerOptions,
  deleteBusTopology,
  ensureDeadLetterTopology,
  HandleRequest,
  loadConfig,
} from '@seg/platform';
import { randomBytes } from 'node:crypto';
import { isSmallRun, reportResult } from '../harness/report-result';

const config = loadConfig(baseEnvSchema, {
  BUS_PREFIX: `bench_${randomBytes(4).toString('hex')}`,
  BUS_QUEUE_EXPIRES_MS: '60000',
  LOG_LEVEL: 'silent',
});
const N = isSmallRun() ? 300 : 3_000;

@Controller()
class PingHandler {
  @HandleRequest('users.system.ping')
  ping() {
    return { service: 'users', instance: 'bench', checks: {} };
  }
}

@Module({
  imports: [AppConfigModule.forRoot(config), BusModule.forRoot()],
  controllers: [PingHandler],
})
class BenchModule {}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  await ensureDeadLetterTopology(config);
  const moduleRef = await Test.createTestingModule({ imports: [BenchModule] }).compile();
  const app: INestApplication = moduleRef.createNestApplication({ logger: false });
  app.connectMicroservice(busServerOptions(config, 'users'));
  await app.startAllMicroservices();
  await app.init();
  const bus = app.get(BusClient);
  try {
    for (let i = 0; i < 50; i++) await bus.request('users.system.ping', {}); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      await bus.request('users.system.ping', {});
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    const concurrent = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next++ < N) await bus.request('users.system.ping', {});
      }),
    );
    const throughput = N / ((performance.now() - concurrent) / 1_000);
    console.log(
      `bus round trip: p50 ${percentile(samples, 50).toFixed(2)} ms, p99 ${percentile(samples, 99).toFixed(2)} ms; ${throughput.toFixed(0)} req/s with 16 in flight`,
    );
    reportResult({
      round_trip_p50_ms: percentile(samples, 50),
      round_trip_p99_ms: percentile(samples, 99),
      requests_per_s_16_in_flight: throughput,
    });
  } finally {
    await app.close();
    await deleteBusTopology(config, ['users']);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
