import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@seg/platform';
import { Logger } from 'nestjs-pino';
import { integrationsEnvSchema } from './config';
import { WorkerModule } from './worker.module';

// Workers finish their current job on SIGTERM (BullMQ's close waits for it).
async function main() {
  const config = loadConfigOrExit(integrationsEnvSchema, 'integrations-worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log('integrations worker started');
}
void main();
