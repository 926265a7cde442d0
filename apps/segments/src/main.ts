import 'reflect-metadata';
import { loadConfigOrExit, startService } from '@seg/platform';
import { AppModule } from './app.module';
import { DEFAULT_HEALTH_PORT, segmentsEnvSchema } from './config';

const config = loadConfigOrExit(segmentsEnvSchema, 'segments');
void startService({
  service: 'segments',
  config,
  rootModule: AppModule.register(config),
  httpPort: config.HEALTH_PORT ?? DEFAULT_HEALTH_PORT,
});
