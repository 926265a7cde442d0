import { z } from 'zod';

/**
 * `limit` and `cursor` of every list (api.md "Paging"), in a query string (where
 * `limit` arrives as text), a JSON body or a bus request. Spread `pageQuery.shape`
 * into a request that carries more than these two.
 */
export const pageQuery = z.strictObject({
  limit: z.coerce.number<number>().int().min(1).max(1_000).default(50),
  cursor: z.string().min(1).max(2_000).optional(),
});
export type PageQuery = z.output<typeof pageQuery>;

/**
 * The same in a JSON body (the preview's): `limit` must be a JSON number there, since nothing
 * stringified it (`true` or `"5"` would otherwise be coerced).
 */
export const pageBody = pageQuery.extend({
  limit: z.number().int().min(1).max(1_000).default(50),
});
