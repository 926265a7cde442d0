import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** body-parser's error for a body that is not UTF-8: a 400 the error filter names. */
export class InvalidUtf8Error extends Error {
  readonly status = 400;
  readonly type = 'encoding.invalid';
  constructor() {
    super('Request body is not valid UTF-8');
  }
}

/**
 * body-parser's `verify` for JSON bodies: JSON must be UTF-8 (RFC 8259), and the parser would
 * otherwise decode invalid bytes as U+FFFD and store a silently altered value.
 */
export function rejectInvalidUtf8(_req: IncomingMessage, _res: ServerResponse, body: Buffer): void {
  if (!isUtf8(body)) throw new InvalidUtf8Error();
}
