/** A document returned by an aggregation. */
export type Doc = Record<string, unknown>;

/** An aggregation pipeline, as plain objects (the caller's driver serialises it). */
export type Pipeline = Doc[];

export type AggregateResult = AsyncIterable<Doc> | Promise<Doc[]> | Doc[];

/**
 * The port through which plans run: the segments service implements it over the profile
 * store (mongoose `Model.aggregate(pipeline)` on the `profiles` and `events` collections).
 * Only the stages and operators of the MongoDB/FerretDB subset are ever sent.
 */
export interface SegmentDataSource {
  aggregateProfiles(pipeline: Pipeline): AggregateResult;
  aggregateEvents(pipeline: Pipeline): AggregateResult;
}

export async function* iterate(result: AggregateResult): AsyncIterable<Doc> {
  const resolved = await result;
  if (Array.isArray(resolved)) {
    yield* resolved;
    return;
  }
  for await (const doc of resolved as AsyncIterable<Doc>) yield doc;
}

export async function collect(result: AggregateResult): Promise<Doc[]> {
  const out: Doc[] = [];
  for await (const doc of iterate(result)) out.push(doc);
  return out;
}
