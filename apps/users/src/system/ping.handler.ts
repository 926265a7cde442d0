import { Controller, Inject } from '@nestjs/common';
import { DEPENDENCY_CHECKS, DependencyCheck, HandleRequest, runChecks } from '@seg/platform';
import { randomUUID } from 'node:crypto';

const INSTANCE_ID = randomUUID();

/** Answers the gateway's health probe over the bus with this service's own checks. */
@Controller()
export class PingHandler {
  constructor(@Inject(DEPENDENCY_CHECKS) private readonly checks: DependencyCheck[]) {}

  @HandleRequest('users.system.ping')
  async ping() {
    return { service: 'users', instance: INSTANCE_ID, checks: await runChecks(this.checks) };
  }
}
