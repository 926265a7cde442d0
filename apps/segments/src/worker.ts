import 'reflect-metadata';
import { loadConfigOrExit, startWorker } from '@seg/platform';
import { DEFAULT_WORKER_HEALTH_PORT, segmentsEnvSchema } from './config';
import { SEGMENTS_QUEUES } from './jobs';
import { WorkerModule } from './worker.module';

const config = loadConfigOrExit(segmentsEnvSchema, 'segments-worker');
void startWorker({
  name: 'segments-worker',
  config,
  rootModule: WorkerModule.register(config),
  httpPort: config.HEALTH_PORT ?? DEFAULT_WORKER_HEALTH_PORT,
  queues: SEGMENTS_QUEUES,
});
