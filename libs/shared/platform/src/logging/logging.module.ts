import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { BaseConfig } from '../config/load-config';

/** Structured JSON logs (pino); HTTP request logs only where there is HTTP traffic. */
@Module({})
export class LoggingModule {
  static forRoot(config: BaseConfig, service: string, logHttp = false): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            base: { service },
            autoLogging: logHttp,
            redact: ['req.headers.authorization', 'req.headers["x-signature"]'],
          },
        }),
      ],
    };
  }
}
