import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RequestPattern } from '@seg/contracts';
import { BusClient, DEPENDENCY_CHECKS, DependencyCheck, runChecks } from '@seg/platform';
import type { Response } from 'express';
import { NoAuth } from '../auth/auth.decorators';

const SERVICE_PINGS = {
  users: 'users.system.ping',
  segments: 'segments.system.ping',
  experiences: 'experiences.system.ping',
  integrations: 'integrations.system.ping',
} as const satisfies Record<string, RequestPattern>;

/** The gateway's own dependencies plus each service's answer over the bus. */
@ApiTags('health')
@NoAuth()
@Controller('health')
export class GatewayHealthController {
  constructor(
    @Inject(DEPENDENCY_CHECKS) private readonly checks: DependencyCheck[],
    private readonly bus: BusClient,
  ) {}

  @Get()
  @ApiOperation({ summary: 'MongoDB, Redis, RabbitMQ and every service' })
  @ApiOkResponse({
    description: 'Everything is up (503 otherwise, same body)',
    schema: {
      type: 'object',
      required: ['status', 'checks', 'services'],
      properties: {
        status: { type: 'string', enum: ['up', 'down'] },
        checks: {
          type: 'object',
          description: 'mongodb, redis, rabbitmq',
          additionalProperties: { type: 'string', enum: ['up', 'down'] },
        },
        services: {
          type: 'object',
          description: 'users, segments, experiences, integrations (asked over the bus)',
          additionalProperties: { type: 'string', enum: ['up', 'down'] },
        },
      },
    },
  })
  async health(@Res() response: Response): Promise<void> {
    const [checks, services] = await Promise.all([runChecks(this.checks), this.pingServices()]);
    const up = [...Object.values(checks), ...Object.values(services)].every((s) => s === 'up');
    response
      .status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: up ? 'up' : 'down', checks, services });
  }

  private async pingServices(): Promise<Record<string, 'up' | 'down'>> {
    const entries = await Promise.all(
      Object.entries(SERVICE_PINGS).map(async ([service, pattern]) => {
        try {
          const answer = await this.bus.request(pattern, {}, { timeoutMs: 2_000 });
          const allUp = Object.values(answer.checks).every((state) => state === 'up');
          return [service, allUp ? 'up' : 'down'] as const;
        } catch {
          return [service, 'down'] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  }
}
