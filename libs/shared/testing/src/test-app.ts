import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { ServiceName } from '@seg/contracts';
import { BaseConfig, busServerOptions, ensureDeadLetterTopology } from '@seg/platform';

/**
 * Boots a service module in-process exactly as main.ts does (HTTP on a random
 * port plus its consumer on the real RabbitMQ), for integration tests.
 */
export async function startTestApp(options: {
  service: ServiceName;
  config: BaseConfig;
  module: Type<unknown> | DynamicModule;
  consumeBus?: boolean;
  configure?: (app: INestApplication) => void | Promise<void>;
}): Promise<{ app: INestApplication; url: string }> {
  await ensureDeadLetterTopology(options.config);
  const moduleRef = await Test.createTestingModule({ imports: [options.module] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  if (options.consumeBus ?? true) {
    app.connectMicroservice(busServerOptions(options.config, options.service), {
      inheritAppConfig: true,
    });
    await app.startAllMicroservices();
  }
  await options.configure?.(app);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url };
}
