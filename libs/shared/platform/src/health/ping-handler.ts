import { Controller, Inject, Type } from '@nestjs/common';
import type { RequestPattern } from '@seg/contracts';
import { randomUUID } from 'node:crypto';
import { HandleRequest } from '../bus/bus-handlers';
import { DEPENDENCY_CHECKS, DependencyCheck, runChecks } from './dependency-check';

type PingPattern = Extract<RequestPattern, `${string}.system.ping`>;
/** The services that answer the gateway's health probe over the bus. */
export type PingedService = PingPattern extends `${infer S}.system.ping` ? S : never;

const INSTANCE_ID = randomUUID();

/** A bus handler answering `<service>.system.ping` with this process's own dependency checks. */
export function pingHandlerFor(service: PingedService): Type<unknown> {
  const pattern = `${service}.system.ping` as const;

  @Controller()
  class PingHandler {
    constructor(@Inject(DEPENDENCY_CHECKS) private readonly checks: DependencyCheck[]) {}

    @HandleRequest(pattern)
    async ping() {
      return { service, instance: INSTANCE_ID, checks: await runChecks(this.checks) };
    }
  }
  return PingHandler;
}
