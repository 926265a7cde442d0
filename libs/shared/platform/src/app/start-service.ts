import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ServiceName } from '@seg/contracts';
import { z } from 'zod';
import { busServerOptions } from '../bus/bus-topology';
import { ensureDeadLetterTopology } from '../bus/dead-letter';
import { BaseConfig, ConfigError, loadConfig } from '../config/load-config';
import { ServiceLogger } from '../logging/service-logger';
import { serveObservability, startObservability } from './observability';

/** Loads the config or exits with one line per bad variable. */
export function loadConfigOrExit<S extends z.ZodType>(schema: S, service: string): z.output<S> {
  try {
    return loadConfig(schema);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`[${service}] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export interface ServiceOptions {
  service: ServiceName;
  config: BaseConfig & { HOST?: string };
  rootModule: Type<unknown> | DynamicModule;
  /** Port for HTTP (the gateway's API, or a service's own /health). */
  httpPort: number;
  /**
   * A port of its own for `/metrics` (the gateway: its HTTP port is public). Without it,
   * `/metrics` is served on `httpPort` beside `/health`.
   */
  metricsPort?: number;
  /**
   * Share `httpPort` with other instances on this machine (SO_REUSEPORT: the kernel spreads
   * connections over them). Only when asked: otherwise a second process on a taken port fails.
   */
  reusePort?: boolean;
  /** Listen to the bus (every service but a pure HTTP front). */
  consumeBus?: boolean;
  /** Last set-up before listening (global filters, OpenAPI docs, …). */
  configure?: (app: INestApplication) => void | Promise<void>;
}

/**
 * Boots a service: HTTP (health, or the API for the gateway) plus its bus
 * consumer, with Prometheus metrics at `/metrics` and, when an OTLP endpoint is
 * configured, traces. On SIGTERM/SIGINT it lets in-flight bus messages finish first.
 */
export async function startService(options: ServiceOptions): Promise<INestApplication> {
  const { config, service } = options;
  startObservability(service);
  await ensureDeadLetterTopology(config);
  const app = await NestFactory.create(options.rootModule, { bufferLogs: true });
  app.useLogger(app.get(ServiceLogger));
  app.enableShutdownHooks();
  const host = config.HOST ?? '127.0.0.1';
  const metricsUrl = await serveObservability(app, { metricsPort: options.metricsPort, host });
  if (options.consumeBus ?? true) {
    app.connectMicroservice(busServerOptions(config, service), { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await options.configure?.(app);
  if (options.reusePort) {
    // Nest passes its first argument to node's server.listen, which also takes an options object.
    const listenOptions = { port: options.httpPort, host, reusePort: true };
    await app.listen(listenOptions as unknown as number);
  } else {
    await app.listen(options.httpPort, host);
  }
  const url = await app.getUrl();
  app
    .get(ServiceLogger)
    .log({ service, url, metricsUrl: metricsUrl ?? `${url}/metrics` }, `${service} started`);
  return app;
}
