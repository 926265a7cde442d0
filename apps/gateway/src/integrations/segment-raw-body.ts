import { Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { APP_CONFIG } from '@seg/platform';
import { raw, Request } from 'express';
import type { GatewayConfig } from '../config';

export const SEGMENT_WEBHOOK_PREFIX = '/v1/integrations/segment/webhook';

/** The request with the bytes Segment signed (set by the parser registered below). */
export type RawBodyRequest = Request & { body: unknown };

/**
 * Segment.io signs the raw body, so the webhook must see the bytes before the
 * JSON parser does. Providers are built before `configureGateway` installs the
 * JSON parser, so registering here puts this raw parser first for the webhook
 * path only (the JSON parser then skips the already-read body).
 * Simpler alternative for the gateway owner: `rawBody: true` at NestFactory.create.
 */
@Injectable()
export class SegmentRawBodyParser {
  readonly installed: boolean;

  constructor(adapterHost: HttpAdapterHost, @Inject(APP_CONFIG) config: GatewayConfig) {
    const adapter = adapterHost.httpAdapter as
      { use?: (...args: unknown[]) => unknown } | undefined;
    this.installed = typeof adapter?.use === 'function';
    if (this.installed) {
      adapter?.use?.(
        SEGMENT_WEBHOOK_PREFIX,
        raw({ type: () => true, limit: config.BODY_LIMIT_BYTES }),
      );
    } else {
      new Logger(SegmentRawBodyParser.name).warn(
        'No HTTP adapter at construction: Segment signatures are checked on re-serialised JSON',
      );
    }
  }
}
