import { createHmac, timingSafeEqual } from 'node:crypto';

/** Segment.io's `X-Signature`: hex HMAC-SHA1 of the raw body with the shared secret. */
function segmentSignature(sharedSecret: string, rawBody: Buffer | string): string {
  return createHmac('sha1', sharedSecret).update(rawBody).digest('hex');
}

export function signatureMatches(
  sharedSecret: string,
  rawBody: Buffer,
  signature: string | undefined,
): boolean {
  if (!signature || !/^[0-9a-fA-F]{40}$/.test(signature.trim())) return false;
  const expected = Buffer.from(segmentSignature(sharedSecret, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature.trim(), 'hex'));
}
