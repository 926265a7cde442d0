import 'reflect-metadata';
import { loadConfigOrExit, startService } from '@seg/platform';
import { AppModule } from './app.module';
import { DEFAULT_HEALTH_PORT, experiencesEnvSchema } from './config';

const config = loadConfigOrExit(experiencesEnvSchema, 'experiences');
void startService({
  service: 'experiences',
  config,
  rootModule: AppModule.register(config),
  httpPort: config.HEALTH_PORT ?? DEFAULT_HEALTH_PORT,
});
