import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { queueContracts, type QueueName } from '@seg/contracts';
import { APP_CONFIG } from '@seg/platform';
import { Queue } from 'bullmq';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { secretsEqual } from '../auth/api-keys';
import type { GatewayConfig } from '../config';

/** Where the queue dashboard is served (the gateway's own port, admin token only). */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board over every queue of the contracts (`queueContracts`: a new queue appears here
 * without a change), read from the Redis and key prefix the workers use. The gateway reaches
 * Redis already (sessions, rate limits), so it serves the dashboard instead of a process of
 * its own; the workers stay without a public port.
 */
@Injectable()
export class QueueDashboard implements OnApplicationShutdown {
  private readonly queues: Queue[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: GatewayConfig) {}

  /** The dashboard's router behind the admin check; undefined without an ADMIN_TOKEN. */
  handler(): RequestHandler[] | undefined {
    const token = this.config.ADMIN_TOKEN;
    if (!token) return undefined;
    const names = Object.keys(queueContracts) as QueueName[];
    for (const name of names) {
      const queue = new Queue(name, {
        connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: 1 },
        prefix: `${this.config.BUS_PREFIX}:bull`,
      });
      queue.on('error', () => undefined);
      this.queues.push(queue);
    }
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
    });
    return [adminOnly(token), serverAdapter.getRouter() as RequestHandler];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
  }
}

/**
 * The admin token as `Authorization: Bearer <token>`, or as the password of HTTP Basic (any
 * user name): a browser asks for it once and sends it with every call the dashboard makes.
 */
export function adminOnly(token: string): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (presentedToken(request.headers.authorization) === token) {
      return next();
    }
    response
      .status(401)
      .setHeader('WWW-Authenticate', 'Basic realm="queues", charset="UTF-8"')
      .json({ error: 'Unauthorized', message: 'The queue dashboard needs the admin token' });
  };

  function presentedToken(header: string | undefined): string | undefined {
    if (!header) return undefined;
    const [scheme, value = ''] = header.split(' ', 2);
    let presented: string | undefined;
    if (scheme?.toLowerCase() === 'bearer') presented = value;
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      presented = decoded.slice(decoded.indexOf(':') + 1);
    }
    return presented !== undefined && secretsEqual(presented, token) ? token : undefined;
  }
}
