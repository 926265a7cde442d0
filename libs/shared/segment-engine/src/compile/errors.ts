/** Raised when a segment reference cannot be expanded. */
export class SegmentReferenceError extends Error {
  constructor(
    readonly code: 'SEGMENT_CYCLE' | 'UNKNOWN_SEGMENT',
    readonly segmentIds: string[],
    message: string,
  ) {
    super(message);
    this.name = 'SegmentReferenceError';
  }
}
