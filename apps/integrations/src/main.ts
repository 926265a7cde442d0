import 'reflect-metadata';
import { loadConfigOrExit, startService } from '@seg/platform';
import { AppModule } from './app.module';
import { DEFAULT_HEALTH_PORT, integrationsEnvSchema } from './config';

const config = loadConfigOrExit(integrationsEnvSchema, 'integrations');
void startService({
  service: 'integrations',
  config,
  rootModule: AppModule.register(config),
  httpPort: config.HEALTH_PORT ?? DEFAULT_HEALTH_PORT,
});
