import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { testConfig } from '@seg/testing';
import { Queue, QueueEvents } from 'bullmq';
import { integrationsEnvSchema } from '../config';
import { WorkerModule } from '../worker.module';

// A job round trip through the real Redis and the real worker module.
describe('integrations worker (BullMQ on Redis)', () => {
  const config = integrationsEnvSchema.parse({ ...testConfig() });
  let worker: INestApplicationContext;
  let queueEvents: QueueEvents;

  beforeAll(async () => {
    worker = await NestFactory.createApplicationContext(WorkerModule.register(config), {
      logger: false,
    });
    await worker.init();
    queueEvents = new QueueEvents('integrations.system', {
      connection: { url: config.REDIS_URL },
      prefix: `${config.BUS_PREFIX}:bull`,
    });
    await queueEvents.waitUntilReady();
  });

  afterAll(async () => {
    const queue = worker.get<Queue>(getQueueToken('integrations.system'));
    await queue.obliterate({ force: true });
    await queueEvents.close();
    await worker.close();
  });

  it('processes a queued job and returns its result', async () => {
    const queue = worker.get<Queue>(getQueueToken('integrations.system'));
    const job = await queue.add('echo', { message: 'hello' });
    const result = await job.waitUntilFinished(queueEvents, 10_000);
    expect(result).toEqual({ echoed: 'hello', worker: expect.stringContaining(':') });
  });

  it('fails a job whose payload breaks its contract, and keeps it for inspection', async () => {
    const queue = worker.get<Queue>(getQueueToken('integrations.system'));
    const job = await queue.add('echo', { message: 42 }, { attempts: 1 });
    await expect(job.waitUntilFinished(queueEvents, 10_000)).rejects.toThrow();
    const failed = await queue.getJob(job.id as string);
    expect(await failed?.getState()).toBe('failed');
  });
});
