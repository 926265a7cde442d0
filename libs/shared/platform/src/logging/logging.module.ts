import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { BaseConfig } from '../config/load-config';
import { currentRequestId } from '../request-context/request-id';
import { currentTraceIds } from '../telemetry/tracing';
import { ObservabilityShutdown } from '../app/observability';
import { ServiceLogger } from './service-logger';

/** Levels at which pino-http's request logs (level `info`) are written. */
const HTTP_LOG_LEVELS: ReadonlySet<BaseConfig['LOG_LEVEL']> = new Set(['info', 'debug', 'trace']);

/**
 * Structured JSON logs (pino); HTTP request logs only where there is HTTP traffic.
 * Every line written while a request, bus message or job is handled carries its `requestId`
 * (and `traceId`/`spanId` when tracing is on).
 */
@Module({})
export class LoggingModule {
  static forRoot(config: BaseConfig, service: string, logHttp = false): DynamicModule {
    // pino-http builds (and redacts) a child logger per request even when its line would
    // be filtered out: above `info` the middleware is not mounted at all.
    const httpLogs = logHttp && HTTP_LOG_LEVELS.has(config.LOG_LEVEL);
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          ...(httpLogs ? {} : { forRoutes: [] }),
          pinoHttp: {
            level: config.LOG_LEVEL,
            base: { service },
            // The request id, and the trace and span ids when traced (log ↔ trace).
            mixin: () => {
              const requestId = currentRequestId();
              return { ...(requestId ? { requestId } : {}), ...currentTraceIds() };
            },
            autoLogging: httpLogs,
            redact: ['req.headers.authorization', 'req.headers["x-signature"]'],
          },
        }),
      ],
      // Every process has logs: its spans are flushed and metrics listener closed from here.
      providers: [ServiceLogger, ObservabilityShutdown],
      exports: [ServiceLogger],
    };
  }
}
