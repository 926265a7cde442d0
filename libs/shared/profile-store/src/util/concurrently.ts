/**
 * Maps `items` with at most `limit` calls in flight; results in input order. FerretDB
 * serves `_id` equality from an index but not `$in`, so reading many documents by `_id`
 * is done as bounded concurrent lookups.
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
