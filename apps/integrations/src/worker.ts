import 'reflect-metadata';
import { loadConfigOrExit, startWorker } from '@seg/platform';
import { DEFAULT_WORKER_HEALTH_PORT, integrationsEnvSchema } from './config';
import { INTEGRATIONS_QUEUES } from './jobs/bullmq.module';
import { WorkerModule } from './worker.module';

const config = loadConfigOrExit(integrationsEnvSchema, 'integrations-worker');
void startWorker({
  name: 'integrations-worker',
  config,
  rootModule: WorkerModule.register(config),
  httpPort: config.HEALTH_PORT ?? DEFAULT_WORKER_HEALTH_PORT,
  queues: INTEGRATIONS_QUEUES,
});
