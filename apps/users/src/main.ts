import 'reflect-metadata';
import { loadConfigOrExit, startService } from '@seg/platform';
import { AppModule } from './app.module';
import { DEFAULT_HEALTH_PORT, usersEnvSchema } from './config';

const config = loadConfigOrExit(usersEnvSchema, 'users');
void startService({
  service: 'users',
  config,
  rootModule: AppModule.register(config),
  httpPort: config.HEALTH_PORT ?? DEFAULT_HEALTH_PORT,
});
