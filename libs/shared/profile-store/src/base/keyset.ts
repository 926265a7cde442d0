/**
 * The filter of a keyset page: the rows strictly after `row` in the order
 * (`sort.field` in `sort.order`, then `tie.field` ascending). Used with that sort,
 * each page continues where the previous one stopped, whatever was written meanwhile.
 */
export function keysetAfter(
  sort: { field: string; order: 1 | -1; value: unknown },
  tie: { field: string; value: unknown },
): Record<string, unknown> {
  return {
    $or: [
      { [sort.field]: { [sort.order === 1 ? '$gt' : '$lt']: sort.value } },
      { [sort.field]: sort.value, [tie.field]: { $gt: tie.value } },
    ],
  };
}
