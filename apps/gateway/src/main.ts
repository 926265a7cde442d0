import 'reflect-metadata';
import { loadConfigOrExit, startService } from '@seg/platform';
import { AppModule } from './app.module';
import { gatewayEnvSchema } from './config';
import { configureGateway } from './configure-app';

const config = loadConfigOrExit(gatewayEnvSchema, 'gateway');
void startService({
  service: 'gateway',
  config,
  rootModule: AppModule.register(config),
  httpPort: config.GATEWAY_PORT,
  metricsPort: config.METRICS_PORT,
  reusePort: config.GATEWAY_REUSE_PORT === 'true',
  consumeBus: false,
  configure: configureGateway,
});
