import type { NextFunction, Request, Response } from 'express';

/**
 * How deep a JSON body may nest. The deepest legitimate body is far shallower: rules nest 4
 * groups (two levels each), traits and properties 10, inside a batch's array and message.
 */
export const MAX_JSON_DEPTH = 64;

/** body-parser style error for a body nested too deep: a 400 the error filter names. */
export class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
  constructor() {
    super(`Request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

/** The nesting depth of a parsed JSON value, walked without recursion, stopping past `limit`. */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Refuses parsed bodies nested deeper than MAX_JSON_DEPTH before any route sees them: every
 * later step (validation, the bus's JSON, the services' zod schemas) walks bodies recursively.
 */
export function refuseDeepJson(req: Request, _res: Response, next: NextFunction): void {
  // A raw body (the Segment.io webhook's, kept for its signature) is not parsed JSON.
  if (Buffer.isBuffer(req.body)) return next();
  next(jsonDepthExceeds(req.body, MAX_JSON_DEPTH) ? new JsonTooDeepError() : undefined);
}
