import type { INestApplication } from '@nestjs/common';
import { startWorker } from '@seg/platform';
import { testConfig } from '@seg/testing';
import { integrationsEnvSchema } from './config';
import { INTEGRATIONS_QUEUES } from './jobs/bullmq.module';
import { SegmentProcessor } from './segment/segment.processor';
import { WorkerModule } from './worker.module';

// The worker process as worker.ts boots it: its own /health over the real Redis and RabbitMQ.
describe('integrations worker process', () => {
  const config = integrationsEnvSchema.parse({ ...testConfig() });
  let app: INestApplication;
  let url: string;

  const health = async () => {
    const response = await fetch(`${url}/health`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    app = await startWorker({
      name: 'integrations-worker',
      config,
      rootModule: WorkerModule.register(config),
      httpPort: 0,
      queues: INTEGRATIONS_QUEUES,
    });
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('reports Redis, the bus and the worker of each queue', async () => {
    expect(await health()).toEqual({
      status: 200,
      body: {
        status: 'up',
        checks: {
          redis: 'up',
          rabbitmq: 'up',
          'queue:integrations.system': 'up',
          'queue:integrations.sync': 'up',
          'queue:integrations.segment': 'up',
        },
      },
    });
  });

  it('answers 503 naming the queue whose worker has stopped', async () => {
    await app.get(SegmentProcessor).worker.close();
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'down',
      checks: { 'queue:integrations.segment': 'down', 'queue:integrations.sync': 'up' },
    });
  });
});
